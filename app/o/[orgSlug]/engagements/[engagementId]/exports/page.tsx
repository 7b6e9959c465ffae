import type { Metadata } from "next";
import Link from "next/link";
import { ExportButtons } from "@/components/exports/export-buttons";
import { EXPORT_CHOICES, ExportsTable } from "@/components/exports/exports-table";
import { RefreshWhileRunning } from "@/components/exports/refresh-while-running";
import { SnapshotChanges } from "@/components/exports/snapshot-changes";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadExportsPage } from "@/lib/db/exports-page";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId } from "@/lib/server/page-params";
import { markExportSentAction, startExportAction } from "./actions";

export const metadata: Metadata = { title: "Exports" };

type Props = { params: Promise<{ orgSlug: string; engagementId: string }> };

export default async function ExportsPage({ params }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const ctx = await requireOrgContext(orgSlug);
  const page = await notFoundOnAppError(loadExportsPage(ctx, engagementId, new Date()));
  const { engagement, sinceLastSent } = page;
  const base = `/o/${page.orgSlug}`;

  return (
    <>
      <RefreshWhileRunning running={page.running} />
      <PageHeader
        title={`Exports · ${engagement.name}`}
        description={
          <>
            <Link
              className="text-brand-700 hover:underline"
              href={`${base}/engagements/${engagementId}`}
            >
              ← {engagement.name}
            </Link>{" "}
            · Every export is computed like the dashboard and keeps a snapshot, so you can see what
            changed since the auditor last received one.
          </>
        }
      />
      <Card className="mb-6">
        <CardTitle>New export</CardTitle>
        <CardDescription className="mb-4">
          Large packs are built in the background: leave this page open to watch the progress, or
          come back later.
        </CardDescription>
        <ExportButtons
          orgSlug={page.orgSlug}
          engagementId={engagementId}
          formats={EXPORT_CHOICES}
          action={startExportAction}
        />
        <p className="mt-3 text-xs text-slate-600">
          Received a pack?{" "}
          <Link className="text-brand-700 hover:underline" href={`${base}/verify`}>
            Verify it against its manifest
          </Link>
          , or run <code>npm run pack:verify -- pack.zip</code>.
        </p>
      </Card>

      <Card className="mb-6">
        <CardTitle>Since the last export sent to the auditor</CardTitle>
        {sinceLastSent ? (
          <SnapshotChanges {...sinceLastSent} />
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            No export has been sent to the auditor yet. Mark an export as sent below; an export an
            auditor downloads is marked automatically.
          </p>
        )}
      </Card>

      <h2 className="mb-3 text-lg font-semibold">Exports</h2>
      {page.runs.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nothing exported yet. Start with the evidence pack: it holds everything else.
        </p>
      ) : (
        <ExportsTable page={page} markSent={markExportSentAction} />
      )}
    </>
  );
}
