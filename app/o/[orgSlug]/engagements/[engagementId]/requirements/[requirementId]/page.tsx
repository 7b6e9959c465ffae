import type { Metadata } from "next";
import Link from "next/link";
import { MappingPicker } from "@/components/controls/mapping-picker";
import { NotApplicableForm } from "@/components/engagements/not-applicable-form";
import { RequirementStatusBadge } from "@/components/engagements/status-badge";
import { Alert } from "@/components/ui/alert";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadRequirementPage } from "@/lib/db/requirement-page";
import { todayFor } from "@/lib/server/clock";
import { notFoundOnAppError } from "@/lib/server/not-found";
import {
  clearNotApplicableAction,
  markNotApplicableAction,
  setRequirementControlsAction,
} from "../../../actions";
import { RequestForm } from "@/components/requests/request-form";
import { createRequestAction } from "../../../../requests/actions";
import { pageId, pageText } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Requirement" };

type Props = { params: Promise<{ orgSlug: string; engagementId: string; requirementId: string }> };

export default async function RequirementPage({ params }: Props) {
  const { orgSlug, engagementId: engagementParam, requirementId: requirementParam } = await params;
  const engagementId = pageId(engagementParam);
  const requirementId = pageText(requirementParam);
  const ctx = await requireOrgContext(orgSlug);
  const { engagement, requirement, controls, permissions } = await notFoundOnAppError(
    loadRequirementPage(ctx, engagementId, requirementId, await todayFor(ctx)),
  );
  const base = `/o/${ctx.orgSlug}/engagements/${engagement.id}`;

  return (
    <>
      <PageHeader
        title={`${requirement.code} · ${requirement.title}`}
        description={
          <>
            <Link className="text-brand-700 hover:underline" href={base}>
              ← {engagement.name}
            </Link>{" "}
            · {requirement.group}
          </>
        }
        actions={<RequirementStatusBadge status={requirement.status} />}
      />
      <Card className="mb-4">
        <CardTitle>
          {requirement.kind === "objective" ? "The objective" : "What the criterion asks"}
        </CardTitle>
        <p className="mt-2 max-w-prose text-sm text-slate-700">
          {requirement.summary ||
            "This objective has no description yet; write one on the objectives page."}
        </p>
        {requirement.kind === "criterion" ? (
          <p className="mt-2 text-xs text-slate-500">
            A summary in Assay&apos;s own words; the AICPA&apos;s text is authoritative.
          </p>
        ) : null}
      </Card>
      {requirement.alsoIn.length ? (
        <Alert tone="info" className="mb-4">
          Mapped once, reused: this requirement is also in{" "}
          {requirement.alsoIn.map((e) => e.name).join(", ")}, which sees the same controls.
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        <Card>
          <CardTitle>Controls serving this requirement</CardTitle>
          {permissions.library ? (
            <>
              <CardDescription className="mb-4">
                Tick the controls that meet it. Changes apply in every engagement that includes it.
              </CardDescription>
              <MappingPicker
                orgSlug={ctx.orgSlug}
                hidden={{
                  engagementId: engagement.id,
                  requirementId: requirement.id,
                  kind: requirement.kind,
                }}
                selected={requirement.controls.map((c) => c.id)}
                readOnly={!permissions.mapControls}
                submitLabel="Save controls"
                action={setRequirementControlsAction}
                groups={[
                  {
                    name: "Controls",
                    field: "controlIds",
                    options: controls.map((c) => ({
                      id: c.id,
                      code: c.ref,
                      title: c.title,
                      group: c.status === "retired" ? "retired" : "",
                    })),
                  },
                ]}
              />
            </>
          ) : requirement.controls.length ? (
            <ul className="mt-3 space-y-1 text-sm">
              {requirement.controls.map((control) => (
                <li key={control.id}>
                  <Link
                    className="text-brand-700 hover:underline"
                    href={`/o/${ctx.orgSlug}/controls/${control.id}?engagement=${engagement.id}`}
                  >
                    {control.ref} · {control.title}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-sm text-slate-600">
              No controls are mapped to this requirement.
            </p>
          )}
        </Card>
        <Card>
          <CardTitle>Applicability</CardTitle>
          {requirement.justification !== null ? (
            <div className="mt-3 space-y-3 text-sm">
              <p>
                Marked <strong>not applicable</strong> in this engagement:
              </p>
              <blockquote className="border-l-4 border-slate-300 pl-3 text-slate-700">
                {requirement.justification}
              </blockquote>
              {permissions.manageScope ? (
                <ConfirmAction
                  triggerLabel="Make applicable again"
                  title="Make this requirement applicable?"
                  description="It returns to the readiness denominator and needs mapped controls again."
                  confirmLabel="Make applicable"
                  action={clearNotApplicableAction}
                  fields={{
                    orgSlug: ctx.orgSlug,
                    engagementId: engagement.id,
                    requirementId: requirement.id,
                    exclusionId: requirement.exclusionId ?? "",
                  }}
                />
              ) : null}
            </div>
          ) : permissions.manageScope ? (
            <div className="mt-3">
              <NotApplicableForm
                orgSlug={ctx.orgSlug}
                engagementId={engagement.id}
                requirementId={requirement.id}
                action={markNotApplicableAction}
              />
            </div>
          ) : (
            <p className="mt-3 text-sm text-slate-600">Applies to this engagement.</p>
          )}
        </Card>
      </div>
      {permissions.request ? (
        <Card className="mt-6">
          <CardTitle>Ask the team</CardTitle>
          <CardDescription className="mb-4">
            Request evidence or leave a comment about this requirement; the team answers under
            Auditor requests.
          </CardDescription>
          <RequestForm
            orgSlug={ctx.orgSlug}
            engagements={[{ id: engagement.id, name: engagement.name }]}
            target={{ requirementId: requirement.id }}
            action={createRequestAction}
          />
        </Card>
      ) : null}
    </>
  );
}
