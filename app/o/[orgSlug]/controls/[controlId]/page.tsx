import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ControlForm } from "@/components/controls/control-form";
import { ControlStandings } from "@/components/controls/control-standing";
import { MappingPicker } from "@/components/controls/mapping-picker";
import { AddEvidence } from "@/components/evidence/add-evidence";
import { EvidenceList } from "@/components/evidence/evidence-list";
import { ExceptionsSection } from "@/components/evidence/exceptions-section";
import { PopulationSection } from "@/components/evidence/population-section";
import { RequestForm } from "@/components/requests/request-form";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadControlPage } from "@/lib/db/control-page";
import {
  CONTROL_STATUS_LABELS,
  FREQUENCY_LABELS,
  labelOf,
  NATURE_LABELS,
} from "@/lib/domain/labels";
import { ControlPageQuery } from "@/lib/schemas/work-queue";
import { todayFor } from "@/lib/server/clock";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId, pageQuery } from "@/lib/server/page-params";
import { createRequestAction } from "../../requests/actions";
import { setControlMappingsAction, updateControlAction } from "../actions";
import {
  addEventAction,
  addLinkEvidenceAction,
  addNoteEvidenceAction,
  deleteEventAction,
  deleteEvidenceAction,
  deleteExceptionAction,
  importPopulationAction,
  linkEvidenceAction,
  recordExceptionAction,
  remediateExceptionAction,
  updateEvidenceAction,
  updateExceptionAction,
} from "./actions";

export const metadata: Metadata = { title: "Control" };

type Props = {
  params: Promise<{ orgSlug: string; controlId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Where people work: how the control stands in each engagement, then its evidence (the form a
// skip link away), then its design and mappings, requests, population and exceptions.
export default async function ControlPage({ params, searchParams }: Props) {
  const { orgSlug, controlId: controlParam } = await params;
  const controlId = pageId(controlParam);
  const query = ControlPageQuery.safeParse(await pageQuery(searchParams));
  if (!query.success) notFound();
  const ctx = await requireOrgContext(orgSlug);
  const today = await todayFor(ctx);
  const page = await notFoundOnAppError(loadControlPage(ctx, controlId, today, query.data));
  const { control, permissions, window } = page;
  const base = `/o/${ctx.orgSlug}`;
  const mapped = control.criterionIds.length + control.objectiveIds.length;

  return (
    <>
      {permissions.editEvidence ? (
        <a
          href="#add-evidence"
          className="mb-2 inline-block text-sm font-medium text-brand-700 hover:underline"
        >
          Skip to the evidence form
        </a>
      ) : null}
      <PageHeader
        title={`${control.ref} · ${control.title}`}
        description={
          permissions.library ? (
            <Link className="text-brand-700 hover:underline" href={`${base}/controls`}>
              ← All controls
            </Link>
          ) : (
            <Link className="text-brand-700 hover:underline" href={`${base}/engagements`}>
              ← Engagements
            </Link>
          )
        }
      />
      <Card>
        <CardTitle>Readiness in each engagement</CardTitle>
        <CardDescription className="mb-4">
          Design, operating coverage and the occurrences still owed, as of {today}
          {control.graceDays ? `; evidence may arrive up to ${control.graceDays} days late` : ""}.
        </CardDescription>
        <ControlStandings
          orgSlug={ctx.orgSlug}
          controlId={control.id}
          standings={page.standings}
          canAddEvidence={permissions.editEvidence}
        />
      </Card>
      <Card className="mt-6">
        <CardTitle>Evidence</CardTitle>
        <CardDescription className="mb-4">
          Dated for the moment it represents. Design evidence shows the control exists; operating
          evidence shows each occurrence.
        </CardDescription>
        {permissions.editEvidence ? (
          <div className="mb-6">
            <AddEvidence
              orgSlug={ctx.orgSlug}
              controlId={control.id}
              today={today}
              events={page.population.map((event) => ({
                id: event.id,
                label: `${event.date} ${event.reference}`,
              }))}
              occurrences={page.occurrences}
              preselect={page.preselect}
              noteAction={addNoteEvidenceAction}
              linkAction={addLinkEvidenceAction}
              reuseAction={linkEvidenceAction}
            />
          </div>
        ) : null}
        {page.engagements.length ? (
          <nav
            aria-label="Judge evidence against an engagement"
            className="mb-3 flex flex-wrap items-center gap-2 text-sm"
          >
            <span className="text-slate-600">Window:</span>
            <Link
              href={`${base}/controls/${control.id}`}
              aria-current={window ? undefined : "page"}
              className={window ? "text-brand-700 hover:underline" : "font-medium"}
            >
              none
            </Link>
            {page.engagements.map((engagement) => (
              <Link
                key={engagement.id}
                href={`${base}/controls/${control.id}?engagement=${engagement.id}`}
                aria-current={window?.id === engagement.id ? "page" : undefined}
                className={
                  window?.id === engagement.id ? "font-medium" : "text-brand-700 hover:underline"
                }
              >
                {engagement.name}
              </Link>
            ))}
          </nav>
        ) : null}
        <EvidenceList
          orgSlug={ctx.orgSlug}
          items={page.evidence}
          canEdit={permissions.editEvidence}
          currentControlId={control.id}
          controls={page.controlOptions}
          deleteAction={deleteEvidenceAction}
          linkAction={linkEvidenceAction}
          edit={{
            today,
            events: page.population.map((event) => ({
              id: event.id,
              label: `${event.date} ${event.reference}`,
            })),
            occurrences: page.occurrences,
            action: updateEvidenceAction,
          }}
        />
      </Card>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card id="design">
          <CardTitle className="mb-4">Design</CardTitle>
          {permissions.editControl ? (
            <ControlForm
              orgSlug={ctx.orgSlug}
              existing={{ id: control.id, version: control.version }}
              members={page.members}
              initial={{
                ref: control.ref,
                title: control.title,
                description: control.description,
                ownerId: control.ownerId,
                status: control.status,
                frequency: control.frequency,
                nature: control.nature,
                key: control.key,
                graceDays: control.graceDays,
              }}
              action={updateControlAction}
            />
          ) : (
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="font-medium">Description</dt>
                <dd className="whitespace-pre-wrap text-slate-700">{control.description || "—"}</dd>
              </div>
              <div>
                <dt className="font-medium">Owner</dt>
                <dd>{control.owner?.name ?? "No owner"}</dd>
              </div>
              <div>
                <dt className="font-medium">Status</dt>
                <dd>{labelOf(CONTROL_STATUS_LABELS, control.status)}</dd>
              </div>
              <div>
                <dt className="font-medium">Frequency</dt>
                <dd>{labelOf(FREQUENCY_LABELS, control.frequency)}</dd>
              </div>
              <div>
                <dt className="font-medium">Nature</dt>
                <dd>{labelOf(NATURE_LABELS, control.nature)}</dd>
              </div>
              <div>
                <dt className="font-medium">Grace days</dt>
                <dd>{control.graceDays}</dd>
              </div>
            </dl>
          )}
        </Card>
        <Card>
          <CardTitle>
            Requirements this control serves{" "}
            <span className="text-sm font-normal text-slate-500">({mapped} mapped)</span>
          </CardTitle>
          <CardDescription className="mb-4">
            Map once: every engagement that includes a requirement picks up the control.
          </CardDescription>
          <MappingPicker
            orgSlug={ctx.orgSlug}
            hidden={{ controlId: control.id }}
            selected={[...control.criterionIds, ...control.objectiveIds]}
            readOnly={!permissions.editControl}
            submitLabel="Save mappings"
            action={setControlMappingsAction}
            groups={[
              {
                name: "SOC 1 / ISAE 3402 objectives",
                field: "objectiveIds",
                options: page.objectives.map((o) => ({
                  id: o.id,
                  code: o.ref,
                  title: o.title,
                  group: "",
                })),
              },
              {
                name: "SOC 2 criteria",
                field: "criterionIds",
                options: page.criteria.map((c) => ({
                  id: c.id,
                  code: c.code,
                  title: c.title,
                  group: c.group,
                })),
              },
            ]}
          />
        </Card>
      </div>
      {page.requestEngagements.length ? (
        <Card className="mt-6">
          <CardTitle>Ask the team</CardTitle>
          <CardDescription className="mb-4">
            Request evidence or leave a comment about this control; the team answers under Auditor
            requests.
          </CardDescription>
          <RequestForm
            orgSlug={ctx.orgSlug}
            engagements={page.requestEngagements}
            target={{ controlId: control.id }}
            action={createRequestAction}
          />
        </Card>
      ) : null}
      {control.frequency === "event_driven" ? (
        <Card className="mt-6">
          <CardTitle>Population</CardTitle>
          <CardDescription className="mb-4">
            Every occurrence of this event-driven control in the period; link evidence to each.
          </CardDescription>
          <PopulationSection
            orgSlug={ctx.orgSlug}
            controlId={control.id}
            items={page.population}
            canEdit={permissions.editEvidence}
            addAction={addEventAction}
            importAction={importPopulationAction}
            deleteAction={deleteEventAction}
          />
        </Card>
      ) : null}
      <Card className="mt-6" id="exceptions">
        <CardTitle>Exceptions</CardTitle>
        <CardDescription className="mb-4">
          Occasions the control did not operate as designed.
        </CardDescription>
        <ExceptionsSection
          orgSlug={ctx.orgSlug}
          controlId={control.id}
          today={today}
          items={page.exceptions}
          canEdit={permissions.editEvidence}
          recordAction={recordExceptionAction}
          remediateAction={remediateExceptionAction}
          correct={{
            updateAction: updateExceptionAction,
            deleteAction: deleteExceptionAction,
          }}
        />
      </Card>
    </>
  );
}
