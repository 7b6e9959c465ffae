import type { Metadata } from "next";
import Link from "next/link";
import { SectionEditor } from "@/components/description/section-editor";
import { SectionRequestForm } from "@/components/description/section-request-form";
import { SectionRequests } from "@/components/description/section-requests";
import { AttachEvidenceForm, SectionOwnerForm } from "@/components/description/section-side-forms";
import { SectionStateBadge } from "@/components/description/state-badge";
import { SectionVersionHistory } from "@/components/description/version-history";
import { VersionDiff } from "@/components/description/version-diff";
import { SafeMarkdown } from "@/components/evidence/note-markdown";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadSectionPage } from "@/lib/db/description-page";
import { linkRefs } from "@/lib/domain/description/refs";
import { PAPERWORK_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";
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

/** The versions `?from=&to=` asks to compare: two whole numbers from 1, else none. */
function comparison(query: { from?: string; to?: string }): { from: number; to: number } | null {
  const from = Number(query.from);
  const to = Number(query.to);
  return Number.isInteger(from) && Number.isInteger(to) && from > 0 && to > 0 ? { from, to } : null;
}

export default async function SectionPage({ params, searchParams }: Props) {
  const { orgSlug, engagementId: engagementParam, sectionKey } = await params;
  const ctx = await requireOrgContext(orgSlug);
  const compare = comparison(await pageQuery(searchParams));
  const page = await notFoundOnAppError(
    loadSectionPage(ctx, pageId(engagementParam), sectionKey, compare),
  );
  const { section, engagementId, diff } = page;
  const writer = page.permissions.write;
  const side = page.permissions.requests;
  const base = `/o/${page.orgSlug}/engagements/${engagementId}/description`;
  const linkOf = (id: string) => `/o/${page.orgSlug}/controls/${id}`;
  const fields = { orgSlug: page.orgSlug, engagementId, sectionId: section.id ?? "" };
  return (
    <>
      <PageHeader
        title={section.title}
        description={section.guidance}
        actions={
          <Link className="text-sm text-brand-700 underline" href={base}>
            All sections ({page.completenessText})
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
      {page.moves.map((to) => (
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
      ))}
      <div className="mt-4 grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card>
            {writer ? (
              <SectionEditor
                // Not keyed by version: a remount after the refresh would drop "Saved as version N".
                orgSlug={page.orgSlug}
                engagementId={engagementId}
                sectionKey={section.key}
                title={section.title}
                body={section.id ? section.body : (section.draft ?? "")}
                version={section.version}
                isNew={section.id === null}
                controlRefs={[...page.controlRefs]}
                action={saveSectionAction}
              />
            ) : section.body ? (
              <SafeMarkdown
                text={linkRefs(section.body, page.controlRefs, linkOf)}
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
                Changes from version {diff.from} to version {diff.to}
              </CardTitle>
              <VersionDiff parts={diff.parts} complete={diff.complete} />
            </Card>
          ) : null}
        </div>
        <div className="space-y-4">
          <Card>
            <CardTitle>Auditor requests</CardTitle>
            <SectionRequests
              requests={page.requests}
              requestsHref={`/o/${page.orgSlug}/requests?engagement=${engagementId}`}
              side={side}
            />
            {side === "auditor" ? (
              <div className="mt-3 border-t border-slate-100 pt-3">
                {page.requestBlocked === null ? (
                  <SectionRequestForm
                    orgSlug={page.orgSlug}
                    engagementId={engagementId}
                    sectionKey={section.key}
                    action={createSectionRequestAction}
                  />
                ) : (
                  <p className="text-sm text-slate-600">{page.requestBlocked}</p>
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
                members={page.owners}
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
            {writer && section.id && page.attachable.length > 0 ? (
              <AttachEvidenceForm
                action={attachSectionEvidenceAction}
                hidden={fields}
                evidence={page.attachable}
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
            <SectionVersionHistory versions={page.versions} />
          </Card>
          {!writer ? (
            <Alert tone="info">You can read this section; only the team edits it.</Alert>
          ) : null}
        </div>
      </div>
    </>
  );
}
