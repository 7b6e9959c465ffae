import type { Metadata } from "next";
import Link from "next/link";
import { SectionStateBadge } from "@/components/description/state-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { loadDescription } from "@/lib/db/description";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "System description" };

type Props = { params: Promise<{ orgSlug: string; engagementId: string }> };

export default async function DescriptionPage({ params }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const ctx = await requireOrgContext(orgSlug);
  const view = await notFoundOnAppError(loadDescription(ctx, pageId(engagementParam)));
  const base = `/o/${ctx.orgSlug}/engagements/${view.engagement.id}`;
  const { completeness } = view;
  return (
    <>
      <PageHeader
        title="System description"
        description={`${view.engagement.name}: the description of the system the report covers, section by section.`}
        actions={
          <Link className="text-sm text-brand-700 underline" href={base}>
            Back to the engagement
          </Link>
        }
      />
      <Card className="mb-4">
        <p className="text-lg font-semibold" aria-label="Description completeness">
          {view.completenessText}
        </p>
        <div
          className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-100"
          role="img"
          aria-label={view.completenessText}
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
          {view.lastSent
            ? ` Last sent to the auditor on ${view.lastSent.at.toISOString().slice(0, 10)}.`
            : " Not sent to the auditor yet."}
        </p>
      </Card>
      {completeness.empty === completeness.total ? (
        <Alert tone="info" className="mb-4">
          Nothing is written yet. Open a section to start; sections marked “first draft from your
          data” start from what the engagement already holds.
        </Alert>
      ) : null}
      <Table>
        <thead>
          <tr>
            <Th>Section</Th>
            <Th>State</Th>
            <Th>Owner</Th>
            <Th>Shared</Th>
            <Th>Last saved</Th>
          </tr>
        </thead>
        <tbody>
          {view.sections.map((section) => (
            <tr key={section.key}>
              <Td>
                <Link
                  className="text-brand-700 underline"
                  href={`${base}/description/${section.key}`}
                >
                  {section.title}
                </Link>
                {section.id === null && section.draft ? (
                  <span className="ml-2 text-xs text-slate-500">first draft from your data</span>
                ) : null}
                {section.changedSinceSent ? (
                  <Badge tone="warning" className="ml-2">
                    Changed since last sent
                  </Badge>
                ) : null}
              </Td>
              <Td>
                {section.id === null ? (
                  <span className="text-slate-500">Not started</span>
                ) : (
                  <SectionStateBadge state={section.state} />
                )}
              </Td>
              <Td>{section.owner?.name ?? "—"}</Td>
              <Td>
                {section.scope === "shared"
                  ? "Shared"
                  : section.scope === "engagement"
                    ? "This engagement"
                    : "—"}
              </Td>
              <Td>{section.updatedAt ? section.updatedAt.toISOString().slice(0, 10) : "—"}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
