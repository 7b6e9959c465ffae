import type { Metadata } from "next";
import Link from "next/link";
import { ObjectiveForm } from "@/components/objectives/objective-form";
import { StarterObjectivesForm } from "@/components/objectives/starter-objectives-form";
import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { listObjectives } from "@/lib/db/objectives";
import { AREA_LABELS, SOC1_STARTER_OBJECTIVES, type ObjectiveArea } from "@/lib/domain/catalog";
import { can } from "@/lib/domain/permissions";
import {
  adoptStarterObjectivesAction,
  createObjectiveAction,
  moveObjectiveAction,
  retireObjectiveAction,
} from "./actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "Control objectives" };

export default async function ObjectivesPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  const objectives = await listObjectives(ctx, { includeRetired: true });
  const editable = can(ctx.role, "objective.manage");
  const refs = new Set(objectives.map((o) => o.ref));
  const missingStarter = SOC1_STARTER_OBJECTIVES.filter((o) => !refs.has(o.ref));
  const fields = (id: string) => ({ orgSlug: ctx.orgSlug, objectiveId: id });

  return (
    <>
      <PageHeader
        title="Control objectives"
        description="Your SOC 1 / ISAE 3402 control objectives. Engagements choose from these; controls map to them."
      />
      {objectives.length === 0 ? (
        <p className="mb-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No objectives yet.{" "}
          {editable
            ? "Start from the starter objectives below or write your own."
            : "An editor can add them."}
        </p>
      ) : (
        <Table aria-label="Control objectives" className="mb-6">
          <thead>
            <tr>
              <Th>Ref</Th>
              <Th>Objective</Th>
              <Th>Area</Th>
              <Th>Controls</Th>
              {editable ? (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {objectives.map((objective, index) => (
              <tr key={objective.id} className={objective.retired ? "opacity-60" : undefined}>
                <Td className="font-mono text-xs whitespace-nowrap">
                  {objective.ref}
                  {objective.retired ? <Badge className="ml-2">retired</Badge> : null}
                </Td>
                <Td>
                  <span className="font-medium">{objective.title}</span>
                  <span className="block text-xs text-slate-600">{objective.objective}</span>
                </Td>
                <Td className="text-xs">
                  {AREA_LABELS[objective.area as ObjectiveArea] ?? objective.area}
                </Td>
                <Td className="tabular-nums">{objective.controlCount}</Td>
                {editable ? (
                  <Td className="whitespace-nowrap text-right">
                    {index > 0 ? (
                      <ActionButton
                        label="↑"
                        ariaLabel={`Move ${objective.ref} up`}
                        fields={{ ...fields(objective.id), direction: "up" }}
                        action={moveObjectiveAction}
                      />
                    ) : null}
                    {index < objectives.length - 1 ? (
                      <ActionButton
                        label="↓"
                        ariaLabel={`Move ${objective.ref} down`}
                        fields={{ ...fields(objective.id), direction: "down" }}
                        action={moveObjectiveAction}
                      />
                    ) : null}
                    <Link
                      className="mx-2 text-sm text-brand-700 hover:underline"
                      href={`/o/${ctx.orgSlug}/objectives/${objective.id}`}
                      aria-label={`Edit ${objective.ref}`}
                    >
                      Edit
                    </Link>
                    {objective.retired ? (
                      <ActionButton
                        label="Restore"
                        ariaLabel={`Restore ${objective.ref}`}
                        fields={{
                          ...fields(objective.id),
                          retired: "false",
                          version: String(objective.version),
                        }}
                        action={retireObjectiveAction}
                        variant="secondary"
                      />
                    ) : (
                      <ConfirmAction
                        triggerLabel="Retire"
                        triggerAriaLabel={`Retire ${objective.ref}`}
                        title={`Retire ${objective.ref}?`}
                        description="It can no longer be chosen for new engagements. Existing engagements and mappings keep it; you can restore it."
                        confirmLabel="Retire objective"
                        action={retireObjectiveAction}
                        fields={{
                          ...fields(objective.id),
                          retired: "true",
                          version: String(objective.version),
                        }}
                      />
                    )}
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {editable ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardTitle className="mb-4">Write an objective</CardTitle>
            <ObjectiveForm orgSlug={ctx.orgSlug} action={createObjectiveAction} />
          </Card>
          <Card>
            <CardTitle>Starter objectives</CardTitle>
            <CardDescription className="mb-4">
              {missingStarter.length
                ? "IT general controls and business-process objectives in our wording; edit them after adding."
                : "You have all 24 starter objectives."}
            </CardDescription>
            {missingStarter.length ? (
              <StarterObjectivesForm
                orgSlug={ctx.orgSlug}
                options={missingStarter.map(({ ref, title }) => ({ ref, title }))}
                action={adoptStarterObjectivesAction}
              />
            ) : null}
          </Card>
        </div>
      ) : null}
    </>
  );
}
