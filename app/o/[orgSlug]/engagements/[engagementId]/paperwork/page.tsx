import type { Metadata } from "next";
import Link from "next/link";
import { describeEngagement } from "@/components/engagements/engagement-dates";
import { PaperworkDrafts, type BridgeOption } from "@/components/paperwork/paperwork-drafts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadEngagementExport } from "@/lib/db/export-data";
import { changesSince } from "@/lib/db/paperwork";
import { loadPaperworkDraft } from "@/lib/db/paperwork-drafts";
import { canWriteDescription } from "@/lib/domain/description/states";
import { savePaperworkDraftAction } from "./actions";
import {
  bridgeLetterDraft,
  bridgeLetterUnavailable,
  bridgeToProblem,
  bridgeToRange,
  managementAssertionDraft,
  paperworkFileBase,
  type PaperworkKind,
} from "@/lib/domain/export/paperwork";
import { MAX_PAPERWORK_CHARS } from "@/lib/schemas/paperwork";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId, pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Paperwork drafts" };

type Props = {
  params: Promise<{ orgSlug: string; engagementId: string }>;
  searchParams: Promise<{ kind?: string | string[]; bridgeTo?: string | string[] }>;
};

/** Drafts of management's assertion and of a bridge letter, generated from the engagement's data. */
export default async function PaperworkPage({ params, searchParams }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const ctx = await requireOrgContext(orgSlug);
  const { summary } = await notFoundOnAppError(loadEngagementExport(ctx, engagementId, new Date()));
  const wanted = await pageQuery(searchParams);
  const { engagement, today } = summary;
  const base = `/o/${ctx.orgSlug}/engagements/${engagement.id}`;

  const unavailable = bridgeLetterUnavailable(engagement, today);
  const range =
    !unavailable && engagement.periodEnd ? bridgeToRange(engagement.periodEnd, today) : null;
  const bridge: BridgeOption = range
    ? { available: true, ...range }
    : { available: false, reason: unavailable ?? "" };
  const kind: PaperworkKind = wanted.kind === "bridge" && range ? "bridge" : "assertion";
  const bridgeTo =
    typeof wanted.bridgeTo === "string" && wanted.bridgeTo
      ? wanted.bridgeTo
      : (range?.last ?? today);

  let markdown: string | null = null;
  let bridgeToError: string | undefined;
  if (kind === "assertion") {
    markdown = managementAssertionDraft(summary);
  } else if (engagement.periodEnd) {
    bridgeToError = bridgeToProblem(engagement.periodEnd, today, bridgeTo) ?? undefined;
    if (!bridgeToError) {
      const changes = await changesSince(ctx, engagement.id, engagement.periodEnd, {
        until: bridgeTo,
      });
      markdown = bridgeLetterDraft(summary, { bridgeTo, changes });
    }
  }

  const saved = await loadPaperworkDraft(ctx, engagement.id, kind);
  if (saved && markdown !== null) markdown = saved.body;
  const save = canWriteDescription(ctx.role)
    ? {
        action: savePaperworkDraftAction,
        orgSlug: ctx.orgSlug,
        engagementId: engagement.id,
        version: saved?.version ?? 0,
        saved: saved
          ? {
              number: saved.currentVersion,
              at: saved.savedAt.toISOString().slice(0, 16).replace("T", " "),
            }
          : null,
      }
    : undefined;

  return (
    <>
      <PageHeader
        title="Paperwork drafts"
        description={`${engagement.name} · ${describeEngagement(engagement)}`}
        actions={
          <Button asChild variant="secondary" size="sm">
            <Link href={base}>Back to the engagement</Link>
          </Button>
        }
      />
      <Alert tone="warning" className="mb-6">
        <strong>These are drafts for management to review.</strong> Assay writes them from what is
        recorded here; management checks every statement, completes the bracketed items, agrees the
        wording with its service auditor and signs. Assay does not issue opinions or assurance of
        any kind.
      </Alert>
      <Card>
        <PaperworkDrafts
          key={`${kind}:${bridgeTo}`}
          action={`${base}/paperwork`}
          kind={kind}
          bridge={bridge}
          bridgeTo={bridgeTo}
          bridgeToError={bridgeToError}
          markdown={markdown}
          pdfUrl={`${base}/paperwork/pdf`}
          fileBase={paperworkFileBase(kind, engagement.name, today)}
          maxChars={MAX_PAPERWORK_CHARS}
          save={save}
        />
      </Card>
    </>
  );
}
