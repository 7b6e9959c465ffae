import type { Metadata } from "next";
import Link from "next/link";
import { ControlForm } from "@/components/controls/control-form";
import { MappingPicker } from "@/components/controls/mapping-picker";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { listCriteria } from "@/lib/db/catalog";
import { getControl, listControlOptions, listMemberOptions } from "@/lib/db/controls";
import { listObjectives } from "@/lib/db/objectives";
import { CURRENT_CRITERIA_EDITION } from "@/lib/domain/catalog";
import { can } from "@/lib/domain/permissions";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { setControlMappingsAction, updateControlAction } from "../actions";
import {
  addEventAction,
  addLinkEvidenceAction,
  addNoteEvidenceAction,
  deleteEventAction,
  deleteEvidenceAction,
  importPopulationAction,
  linkEvidenceAction,
  recordExceptionAction,
  remediateExceptionAction,
} from "./actions";
import { AddEvidence } from "@/components/evidence/add-evidence";
import { EvidenceList } from "@/components/evidence/evidence-list";
import { ExceptionsSection } from "@/components/evidence/exceptions-section";
import { PopulationSection } from "@/components/evidence/population-section";
import { listControlEvidence } from "@/lib/db/evidence";
import { getEvidenceWindowContext, listEngagements } from "@/lib/db/engagements";
import { evidenceWindow } from "@/lib/domain/readiness/engine";
import { listControlExceptions } from "@/lib/db/exceptions";
import { listPopulation } from "@/lib/db/population";
import { recordAuditorAccess } from "@/lib/db/auditor-access";
import { engagementsServingControl } from "@/lib/db/auditor-requests";
import { RequestForm } from "@/components/requests/request-form";
import { createRequestAction } from "../../requests/actions";
import { todayFor } from "@/lib/server/clock";
import { SlotStrip } from "@/components/readiness/slot-strip";
import { controlOccurrences } from "@/lib/db/control-occurrences";
import type { ControlFrequency } from "@/lib/domain/controls";
import { occurrenceChoices } from "@/lib/domain/readiness/occurrences";
import { slotCells } from "@/lib/domain/readiness/rollup";

/** `?slot=2026-Q1&purpose=operating` (the strip's links) preselects the add-evidence form. */
function addEvidencePreselect(
  slot: string | string[] | undefined,
  purpose: string | string[] | undefined,
): { slot?: string; purpose?: "design" | "operating" } {
  return {
    slot: typeof slot === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(slot) ? slot : undefined,
    purpose: purpose === "design" || purpose === "operating" ? purpose : undefined,
  };
}
import { pageId, pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Control" };

type Props = {
  params: Promise<{ orgSlug: string; controlId: string }>;
  searchParams: Promise<{
    engagement?: string | string[];
    slot?: string | string[];
    purpose?: string | string[];
  }>;
};

export default async function ControlPage({ params, searchParams }: Props) {
  const { orgSlug, controlId: controlParam } = await params;
  const controlId = pageId(controlParam);
  const { engagement, slot, purpose } = await pageQuery(searchParams);
  // A repeated parameter arrives as a list: only a single id chooses a window.
  const engagementId = typeof engagement === "string" ? engagement : undefined;
  const ctx = await requireOrgContext(orgSlug);
  const control = await notFoundOnAppError(getControl(ctx, controlId));
  const eventDriven = control.frequency === "event_driven";
  const editable = can(ctx.role, "control.edit");
  const canEditEvidence = can(ctx.role, "evidence.edit");
  const library = can(ctx.role, "library.view");
  const today = await todayFor(ctx);
  const [
    members,
    criteria,
    objectives,
    evidence,
    exceptions,
    population,
    engagements,
    window,
    controlOptions,
    occurrences,
  ] = await Promise.all([
    library ? listMemberOptions(ctx) : Promise.resolve([]),
    listCriteria(CURRENT_CRITERIA_EDITION),
    listObjectives(ctx),
    listControlEvidence(ctx, control.id),
    listControlExceptions(ctx, control.id),
    eventDriven ? listPopulation(ctx, control.id) : Promise.resolve([]),
    listEngagements(ctx),
    engagementId
      ? notFoundOnAppError(getEvidenceWindowContext(ctx, engagementId))
      : Promise.resolve(null),
    canEditEvidence ? listControlOptions(ctx) : Promise.resolve([]),
    controlOccurrences(ctx, control.id, today),
  ]);
  const addHref = (slotKey: string) =>
    `/o/${ctx.orgSlug}/controls/${control.id}?slot=${encodeURIComponent(slotKey)}&purpose=operating#add-evidence`;
  const requestEngagements = can(ctx.role, "request.create")
    ? await engagementsServingControl(ctx, control.id)
    : [];
  await recordAuditorAccess(ctx, "viewed", {
    entityType: "control",
    entityId: control.id,
    label: `Control ${control.ref} · ${control.title}`,
  });
  // Against a chosen engagement, evidence outside its window is labelled, never hidden.
  const evidenceItems = window
    ? evidence.map((item) => ({
        ...item,
        window: evidenceWindow(item, window, window.freshnessDays),
      }))
    : evidence;

  return (
    <>
      <PageHeader
        title={`${control.ref} · ${control.title}`}
        description={
          library ? (
            <Link className="text-brand-700 hover:underline" href={`/o/${ctx.orgSlug}/controls`}>
              ← All controls
            </Link>
          ) : (
            <Link className="text-brand-700 hover:underline" href={`/o/${ctx.orgSlug}/engagements`}>
              ← Engagements
            </Link>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle className="mb-4">Design</CardTitle>
          {editable ? (
            <ControlForm
              orgSlug={ctx.orgSlug}
              existing={{ id: control.id, version: control.version }}
              members={members}
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
                <dd>{control.status}</dd>
              </div>
              <div>
                <dt className="font-medium">Frequency</dt>
                <dd>{control.frequency}</dd>
              </div>
              <div>
                <dt className="font-medium">Nature</dt>
                <dd>{control.nature}</dd>
              </div>
              <div>
                <dt className="font-medium">Grace days</dt>
                <dd>{control.graceDays}</dd>
              </div>
            </dl>
          )}
        </Card>
        <Card>
          <CardTitle>Requirements this control serves</CardTitle>
          <CardDescription className="mb-4">
            Map once: every engagement that includes a requirement picks up the control.
          </CardDescription>
          <MappingPicker
            orgSlug={ctx.orgSlug}
            hidden={{ controlId: control.id }}
            selected={[...control.criterionIds, ...control.objectiveIds]}
            readOnly={!editable}
            submitLabel="Save mappings"
            action={setControlMappingsAction}
            groups={[
              {
                name: "SOC 1 / ISAE 3402 objectives",
                field: "objectiveIds",
                options: objectives.map((o) => ({
                  id: o.id,
                  code: o.ref,
                  title: o.title,
                  group: "",
                })),
              },
              {
                name: "SOC 2 criteria",
                field: "criterionIds",
                options: criteria.map((c) => ({
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
      {requestEngagements.length ? (
        <Card className="mt-6">
          <CardTitle>Ask the team</CardTitle>
          <CardDescription className="mb-4">
            Request evidence or leave a comment about this control; the team answers under Auditor
            requests.
          </CardDescription>
          <RequestForm
            orgSlug={ctx.orgSlug}
            engagements={requestEngagements}
            target={{ controlId: control.id }}
            action={createRequestAction}
          />
        </Card>
      ) : null}
      {occurrences.length ? (
        <Card className="mt-6">
          <CardTitle>Occurrences</CardTitle>
          <CardDescription className="mb-4">
            Each expected occurrence in every Type II engagement that includes this control
            {control.graceDays ? `; evidence may arrive up to ${control.graceDays} days late` : ""}.
            {canEditEvidence ? " Choose a missing or open one to add its evidence." : ""}
          </CardDescription>
          <div className="space-y-4">
            {occurrences.map((entry, index) => (
              <section key={entry.engagementId} aria-label={`Occurrences in ${entry.name}`}>
                <h3 className="mb-1 text-sm font-medium text-slate-900">
                  {entry.name}{" "}
                  <span className="font-normal text-slate-500">
                    {entry.period.start} … {entry.period.end}
                  </span>
                </h3>
                <SlotStrip
                  cells={slotCells(entry.slots, control.frequency as ControlFrequency)}
                  addHref={canEditEvidence ? addHref : undefined}
                  legend={index === occurrences.length - 1}
                />
              </section>
            ))}
          </div>
        </Card>
      ) : null}
      <Card className="mt-6">
        <CardTitle>Evidence</CardTitle>
        <CardDescription className="mb-4">
          Dated for the moment it represents. Design evidence shows the control exists; operating
          evidence shows each occurrence.
        </CardDescription>
        {canEditEvidence ? (
          <div className="mb-6">
            <AddEvidence
              orgSlug={ctx.orgSlug}
              controlId={control.id}
              today={today}
              events={population.map((event) => ({
                id: event.id,
                label: `${event.date} ${event.reference}`,
              }))}
              occurrences={occurrenceChoices(occurrences.flatMap((e) => e.slots))}
              preselect={addEvidencePreselect(slot, purpose)}
              noteAction={addNoteEvidenceAction}
              linkAction={addLinkEvidenceAction}
              reuseAction={linkEvidenceAction}
            />
          </div>
        ) : null}
        {engagements.length ? (
          <nav
            aria-label="Judge evidence against an engagement"
            className="mb-3 flex flex-wrap items-center gap-2 text-sm"
          >
            <span className="text-slate-600">Window:</span>
            <Link
              href={`/o/${ctx.orgSlug}/controls/${control.id}`}
              aria-current={window ? undefined : "page"}
              className={window ? "text-brand-700 hover:underline" : "font-medium"}
            >
              none
            </Link>
            {engagements.map((engagement) => (
              <Link
                key={engagement.id}
                href={`/o/${ctx.orgSlug}/controls/${control.id}?engagement=${engagement.id}`}
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
          items={evidenceItems}
          canEdit={canEditEvidence}
          controls={canEditEvidence ? controlOptions : []}
          deleteAction={deleteEvidenceAction}
          linkAction={linkEvidenceAction}
        />
      </Card>
      {eventDriven ? (
        <Card className="mt-6">
          <CardTitle>Population</CardTitle>
          <CardDescription className="mb-4">
            Every occurrence of this event-driven control in the period; link evidence to each.
          </CardDescription>
          <PopulationSection
            orgSlug={ctx.orgSlug}
            controlId={control.id}
            items={population}
            canEdit={canEditEvidence}
            addAction={addEventAction}
            importAction={importPopulationAction}
            deleteAction={deleteEventAction}
          />
        </Card>
      ) : null}
      <Card className="mt-6">
        <CardTitle>Exceptions</CardTitle>
        <CardDescription className="mb-4">
          Occasions the control did not operate as designed.
        </CardDescription>
        <ExceptionsSection
          orgSlug={ctx.orgSlug}
          controlId={control.id}
          today={today}
          items={exceptions}
          canEdit={canEditEvidence}
          recordAction={recordExceptionAction}
          remediateAction={remediateExceptionAction}
        />
      </Card>
    </>
  );
}
