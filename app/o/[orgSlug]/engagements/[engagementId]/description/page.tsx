import type { Metadata } from "next";
import Link from "next/link";
import { DescriptionSectionsTable } from "@/components/description/sections-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadDescriptionPage } from "@/lib/db/description-page";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "System description" };

type Props = { params: Promise<{ orgSlug: string; engagementId: string }> };

export default async function DescriptionPage({ params }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const ctx = await requireOrgContext(orgSlug);
  const page = await notFoundOnAppError(loadDescriptionPage(ctx, pageId(engagementParam)));
  const base = `/o/${page.orgSlug}/engagements/${page.engagement.id}`;
  const { completeness } = page;
  return (
    <>
      <PageHeader
        title="System description"
        description={`${page.engagement.name}: the description of the system the report covers, section by section.`}
        actions={
          <Link className="text-sm text-brand-700 underline" href={base}>
            Back to the engagement
          </Link>
        }
      />
      <Card className="mb-4">
        <p className="text-lg font-semibold" aria-label="Description completeness">
          {page.completenessText}
        </p>
        <div
          className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-100"
          role="img"
          aria-label={page.completenessText}
        >
          <div
            className="h-full bg-emerald-600"
            style={{
              width: `${completeness.total ? (completeness.approved / completeness.total) * 100 : 0}%`,
            }}
          />
        </div>
        <p className="mt-2 text-sm text-slate-600">
          {completeness.inReview} in review, {completeness.empty} not written yet.
          {page.lastSent
            ? ` Last sent to the auditor on ${page.lastSent.at.toISOString().slice(0, 10)}.`
            : " Not sent to the auditor yet."}
        </p>
      </Card>
      {completeness.empty === completeness.total ? (
        <Alert tone="info" className="mb-4">
          Nothing is written yet. Open a section to start; sections marked “first draft from your
          data” start from what the engagement already holds.
        </Alert>
      ) : null}
      <DescriptionSectionsTable page={page} />
    </>
  );
}
