import type { Metadata } from "next";
import Link from "next/link";
import { describeEngagement } from "@/components/engagements/engagement-dates";
import { PaperworkDrafts } from "@/components/paperwork/paperwork-drafts";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadPaperworkPage } from "@/lib/db/paperwork-page";
import { MAX_PAPERWORK_CHARS } from "@/lib/schemas/paperwork";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId, pageQuery } from "@/lib/server/page-params";
import { savePaperworkDraftAction } from "./actions";

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
  const wanted = await pageQuery(searchParams);
  const page = await notFoundOnAppError(
    loadPaperworkPage(ctx, engagementId, new Date(), {
      kind: wanted.kind === "bridge" ? "bridge" : "assertion",
      bridgeTo: typeof wanted.bridgeTo === "string" && wanted.bridgeTo ? wanted.bridgeTo : null,
    }),
  );
  const { engagement, kind, bridgeTo } = page;
  const base = `/o/${page.orgSlug}/engagements/${engagement.id}`;
  const save = page.permissions.save
    ? {
        action: savePaperworkDraftAction,
        orgSlug: page.orgSlug,
        engagementId: engagement.id,
        ...page.draft,
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
          bridge={page.bridge}
          bridgeTo={bridgeTo}
          bridgeToError={page.bridgeToError}
          markdown={page.markdown}
          pdfUrl={`${base}/paperwork/pdf`}
          fileBase={page.fileBase}
          maxChars={MAX_PAPERWORK_CHARS}
          save={save}
        />
      </Card>
    </>
  );
}
