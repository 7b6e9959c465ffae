import type { Metadata } from "next";
import Link from "next/link";
import { RequirementStatusBadge } from "@/components/engagements/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { engagementReadiness } from "@/lib/db/readiness";
import { todayFor } from "@/lib/server/clock";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { recordAuditorAccess } from "@/lib/db/auditor-access";
import { pageId } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Mapping matrix" };

type Props = { params: Promise<{ orgSlug: string; engagementId: string }> };

/** Requirements × controls for one engagement: which control serves which requirement. */
export default async function MatrixPage({ params }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const ctx = await requireOrgContext(orgSlug);
  const { engagement, requirements } = await notFoundOnAppError(
    engagementReadiness(ctx, engagementId, await todayFor(ctx)),
  );
  await recordAuditorAccess(ctx, "viewed", {
    entityType: "engagement",
    entityId: engagement.id,
    label: `${engagement.name}: matrix`,
    engagementId: engagement.id,
  });
  const columns = [
    ...new Map(requirements.flatMap((r) => r.controls).map((c) => [c.id, c])).values(),
  ].sort((a, b) => a.ref.localeCompare(b.ref));
  const base = `/o/${ctx.orgSlug}/engagements/${engagement.id}`;
  return (
    <>
      <PageHeader
        title="Mapping matrix"
        description={
          <>
            <Link className="text-brand-700 hover:underline" href={base}>
              ← {engagement.name}
            </Link>{" "}
            · {requirements.length} requirements × {columns.length} mapped controls
          </>
        }
      />
      {columns.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No control is mapped to this engagement&apos;s requirements yet.
        </p>
      ) : (
        <div className="max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white">
          <table className="text-xs" aria-label="Requirements by controls">
            <thead className="sticky top-0 z-10 bg-slate-50">
              <tr>
                <th
                  scope="col"
                  className="sticky left-0 z-20 min-w-64 bg-slate-50 px-3 py-2 text-left font-medium"
                >
                  Requirement
                </th>
                {columns.map((control) => (
                  <th
                    key={control.id}
                    scope="col"
                    className="px-1 py-2 font-mono font-medium"
                    title={control.title}
                  >
                    <Link
                      href={`/o/${ctx.orgSlug}/controls/${control.id}`}
                      className="[writing-mode:vertical-rl] hover:underline"
                    >
                      {control.ref}
                    </Link>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {requirements.map((requirement) => {
                const mapped = new Set(requirement.controls.map((c) => c.id));
                return (
                  <tr key={requirement.id} className="border-t border-slate-100">
                    <th
                      scope="row"
                      className="sticky left-0 bg-white px-3 py-1 text-left font-normal"
                    >
                      <span className="font-mono font-semibold">{requirement.code}</span>{" "}
                      <RequirementStatusBadge status={requirement.status} />
                    </th>
                    {columns.map((control) => (
                      <td
                        key={control.id}
                        className="px-1 text-center"
                        aria-label={
                          mapped.has(control.id)
                            ? `${control.ref} serves ${requirement.code}`
                            : undefined
                        }
                      >
                        {mapped.has(control.id) ? "●" : ""}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
