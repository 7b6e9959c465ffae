import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SectionEditor } from "@/components/description/section-editor";
import { SectionRequestForm } from "@/components/description/section-request-form";
import { SectionRequests } from "@/components/description/section-requests";
import { AttachEvidenceForm, SectionOwnerForm } from "@/components/description/section-side-forms";
import { SectionStateBadge } from "@/components/description/state-badge";
import { VersionDiff } from "@/components/description/version-diff";
import { SafeMarkdown } from "@/components/evidence/note-markdown";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { SelectField } from "@/components/ui/select-field";
import { requireOrgContext } from "@/lib/auth/session";
import { loadDescription } from "@/lib/db/description";
import {
  attachableEvidence,
  compareSectionVersions,
  sectionVersions,
} from "@/lib/db/description-history";
import { listMembers } from "@/lib/db/members";
import { NOT_WRITTEN, sectionRequests } from "@/lib/db/request-sections";
import { linkRefs } from "@/lib/domain/description/refs";
import { allowedMoves, canWriteDescription } from "@/lib/domain/description/states";
import { PAPERWORK_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";
import { can } from "@/lib/domain/permissions";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId, pageQuery } from "@/lib/server/page-params";
import {
  attachSectionEvidenceAction,
  changeSectionStateAction,
  createSectionRequestAction,
  detachSectionEvidenceAction,
  overrideSectionAction,
  removeOverrideAction,
  saveSectionAction,
  setSectionOwnerAction,
} from "../actions";
import { SECTION_STATE_LABELS } from "@/lib/domain/labels";

export const metadata: Metadata = { title: "Description section" };

type Props = {
  params: Promise<{ orgSlug: string; engagementId: string; sectionKey: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
};

const MOVE_LABELS = { draft: "Back to draft", in_review: "Submit for review", approved: "Approve" };

export default async function SectionPage({ params, searchParams }: Props) {
  const { orgSlug, engagementId: engagementParam, sectionKey } = await params;
  const ctx = await requireOrgContext(orgSlug);
  const view = await notFoundOnAppError(loadDescription(ctx, pageId(engagementParam)));
  const section = view.sections.find((candidate) => candidate.key === sectionKey);
  if (!section) notFound();
  const engagementId = view.engagement.id;
  const base = `/o/${ctx.orgSlug}/engagements/${engagementId}/description`;
  const writer = canWriteDescription(ctx.role);
  const query = await pageQuery(searchParams);
  const versions = section.id ? await sectionVersions(ctx, engagementId, section.id) : [];
  const from = Number(query.from);
  const to = Number(query.to);
  const diff =
    section.id && Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0
      ? await notFoundOnAppError(compareSectionVersions(ctx, engagementId, section.id, from, to))
      : null;
  const members = writer ? (await listMembers(ctx)).filter((m) => m.role !== "auditor") : [];
  const evidence = writer ? await attachableEvidence(ctx) : [];
  const requests = await sectionRequests(ctx, engagementId, section.key);
  const side = can(ctx.role, "request.resolve")
    ? "team"
    : can(ctx.role, "request.create")
      ? "auditor"
      : "reader";
  const linkOf = (id: string) => `/o/${ctx.orgSlug}/controls/${id}`;
  const fields = { orgSlug: ctx.orgSlug, engagementId, sectionId: section.id ?? "" };
  return (
    <>
      <PageHeader
        title={section.title}
        description={section.guidance}
        actions={
          <Link className="text-sm text-brand-700 underline" href={base}>
            All sections ({view.completenessText})
          </Link>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        {section.id ? <SectionStateBadge state={section.state} /> : <Badge>Not started</Badge>}
        {section.changedSinceSent ? (
          <Badge tone="warning">Changed since the last export sent to the auditor</Badge>
        ) : null}
        {section.stateChangedAt ? (
          <span className="text-slate-600">
            {SECTION_STATE_LABELS[section.state]} since{" "}
            {section.stateChangedAt.toISOString().slice(0, 10)}
            {section.stateChangedBy ? ` by ${section.stateChangedBy}` : ""}
          </span>
        ) : null}
        <span className="text-slate-600">Owner: {section.owner?.name ?? "none"}</span>
        {section.scope === "shared" ? (
          <Badge tone="brand">Shared with other engagements</Badge>
        ) : null}
      </div>
      {writer && section.id
        ? allowedMoves(ctx.role, section.state).map((to) => (
            <span key={to} className="mr-2">
              <ConfirmAction
                triggerLabel={MOVE_LABELS[to]}
                title={`${MOVE_LABELS[to]}: ${section.title}`}
                description={
                  to === "approved"
                    ? "Approving records you and today's date against this text. Editing it later sends it back to draft."
                    : `The section becomes ${SECTION_STATE_LABELS[to].toLowerCase()}.`
                }
                confirmLabel={MOVE_LABELS[to]}
                action={changeSectionStateAction}
                fields={{ ...fields, to, version: String(section.version) }}
              />
            </span>
          ))
        : null}
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card>
            {writer ? (
              <SectionEditor
                // Not keyed by version: a remount after the refresh would drop "Saved as version N".
                orgSlug={ctx.orgSlug}
                engagementId={engagementId}
                sectionKey={section.key}
                title={section.title}
                body={section.id ? section.body : (section.draft ?? "")}
                version={section.version}
                isNew={section.id === null}
                controlRefs={[...view.controlRefs]}
                action={saveSectionAction}
              />
            ) : section.body ? (
              <SafeMarkdown
                text={linkRefs(section.body, view.controlRefs, linkOf)}
                limits={PAPERWORK_MARKDOWN_LIMITS}
                noun="section"
              />
            ) : (
              <p className="text-slate-600">Nothing is written in this section yet.</p>
            )}
          </Card>
          {diff ? (
            <Card className="mt-4">
              <CardTitle>
                Changes from version {from} to version {to}
              </CardTitle>
              <VersionDiff parts={diff.parts} complete={diff.complete} />
            </Card>
          ) : null}
        </div>
        <div className="space-y-4">
          <Card>
            <CardTitle>Auditor requests</CardTitle>
            <SectionRequests
              requests={requests}
              requestsHref={`/o/${ctx.orgSlug}/requests?engagement=${engagementId}`}
              side={side}
            />
            {side === "auditor" ? (
              <div className="mt-3 border-t border-slate-100 pt-3">
                {section.id ? (
                  <SectionRequestForm
                    orgSlug={ctx.orgSlug}
                    engagementId={engagementId}
                    sectionKey={section.key}
                    action={createSectionRequestAction}
                  />
                ) : (
                  <p className="text-sm text-slate-600">{NOT_WRITTEN}</p>
                )}
              </div>
            ) : null}
          </Card>
          {writer && section.id ? (
            <Card>
              <CardTitle>Owner</CardTitle>
              <SectionOwnerForm
                action={setSectionOwnerAction}
                hidden={{ ...fields, version: String(section.version) }}
                ownerId={section.owner?.id ?? ""}
                members={members.map((m) => ({ value: m.userId, label: m.name }))}
              />
            </Card>
          ) : null}
          <Card>
            <CardTitle>Attached evidence</CardTitle>
            {section.evidence.length === 0 ? (
              <p className="text-sm text-slate-600">
                None attached (a network diagram or an org chart helps).
              </p>
            ) : (
              <ul className="space-y-1 text-sm">
                {section.evidence.map((item) => (
                  <li key={item.id} className="flex items-center justify-between gap-2">
                    <span>{item.title}</span>
                    {writer ? (
                      <ConfirmAction
                        triggerLabel="Detach"
                        triggerAriaLabel={`Detach ${item.title}`}
                        title="Detach this evidence?"
                        description="The evidence stays in the library; only its link to this section goes."
                        confirmLabel="Detach"
                        action={detachSectionEvidenceAction}
                        fields={{ ...fields, evidenceId: item.id }}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            {writer && section.id && evidence.length > 0 ? (
              <AttachEvidenceForm
                action={attachSectionEvidenceAction}
                hidden={fields}
                evidence={evidence.map((item) => ({ value: item.id, label: item.title }))}
              />
            ) : null}
          </Card>
          {writer && section.scope === "shared" && section.id ? (
            <Card>
              <CardTitle>Shared section</CardTitle>
              <ConfirmAction
                triggerLabel="Write a version for this engagement only"
                title="Override the shared section here?"
                description="This engagement gets its own copy to edit; the other engagements keep the shared text."
                confirmLabel="Override"
                action={overrideSectionAction}
                fields={fields}
              />
            </Card>
          ) : null}
          {writer && section.scope === "engagement" && section.sharedId && section.id ? (
            <Card>
              <CardTitle>Shared section</CardTitle>
              <ConfirmAction
                triggerLabel="Go back to the shared section"
                title="Delete this engagement's own version?"
                description="This engagement's text and its versions are deleted; the shared section shows again."
                confirmLabel="Go back to shared"
                variant="danger"
                action={removeOverrideAction}
                fields={fields}
              />
            </Card>
          ) : null}
          <Card>
            <CardTitle>Version history</CardTitle>
            {versions.length === 0 ? (
              <p className="text-sm text-slate-600">No saved versions yet.</p>
            ) : (
              <>
                <ul className="space-y-1 text-sm">
                  {versions.map((version) => (
                    <li key={version.number}>
                      Version {version.number}, {version.savedBy},{" "}
                      {version.savedAt.toISOString().slice(0, 16).replace("T", " ")}
                    </li>
                  ))}
                </ul>
                {versions.length > 1 ? (
                  <form method="get" className="mt-3 flex flex-wrap items-end gap-2">
                    <SelectField
                      label="Compare version"
                      name="from"
                      defaultValue={String(versions[1]?.number ?? 1)}
                      options={versions.map((v) => ({
                        value: String(v.number),
                        label: `Version ${v.number}`,
                      }))}
                    />
                    <SelectField
                      label="with version"
                      name="to"
                      defaultValue={String(versions[0]?.number ?? 1)}
                      options={versions.map((v) => ({
                        value: String(v.number),
                        label: `Version ${v.number}`,
                      }))}
                    />
                    <button type="submit" className="rounded-md border px-3 py-1.5 text-sm">
                      Compare
                    </button>
                  </form>
                ) : null}
              </>
            )}
          </Card>
          {!writer ? (
            <Alert tone="info">You can read this section; only the team edits it.</Alert>
          ) : null}
        </div>
      </div>
    </>
  );
}
