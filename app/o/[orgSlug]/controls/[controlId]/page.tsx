import type { Metadata } from "next";
import Link from "next/link";
import { ControlForm } from "@/components/controls/control-form";
import { MappingPicker } from "@/components/controls/mapping-picker";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { listCriteria } from "@/lib/db/catalog";
import { getControl, listMemberOptions } from "@/lib/db/controls";
import { listObjectives } from "@/lib/db/objectives";
import { CURRENT_CRITERIA_EDITION } from "@/lib/domain/catalog";
import { can } from "@/lib/domain/permissions";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { setControlMappingsAction, updateControlAction } from "../actions";

export const metadata: Metadata = { title: "Control" };

type Props = { params: Promise<{ orgSlug: string; controlId: string }> };

export default async function ControlPage({ params }: Props) {
  const { orgSlug, controlId } = await params;
  const ctx = await requireOrgContext(orgSlug);
  const control = await notFoundOnAppError(getControl(ctx, controlId));
  const [members, criteria, objectives] = await Promise.all([listMemberOptions(ctx), listCriteria(CURRENT_CRITERIA_EDITION), listObjectives(ctx)]);
  const editable = can(ctx.role, "control.edit");

  return (
    <>
      <PageHeader
        title={`${control.ref} · ${control.title}`}
        description={<Link className="text-brand-700 hover:underline" href={`/o/${ctx.orgSlug}/controls`}>← All controls</Link>}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardTitle className="mb-4">Design</CardTitle>
          {editable ? (
            <ControlForm
              orgSlug={ctx.orgSlug}
              controlId={control.id}
              members={members}
              initial={{ ref: control.ref, title: control.title, description: control.description, ownerId: control.ownerId, status: control.status, frequency: control.frequency, nature: control.nature, key: control.key }}
              action={updateControlAction}
            />
          ) : (
            <dl className="space-y-2 text-sm">
              <div><dt className="font-medium">Description</dt><dd className="whitespace-pre-wrap text-slate-700">{control.description || "—"}</dd></div>
              <div><dt className="font-medium">Owner</dt><dd>{control.owner?.name ?? "No owner"}</dd></div>
              <div><dt className="font-medium">Status</dt><dd>{control.status}</dd></div>
              <div><dt className="font-medium">Frequency</dt><dd>{control.frequency}</dd></div>
              <div><dt className="font-medium">Nature</dt><dd>{control.nature}</dd></div>
            </dl>
          )}
        </Card>
        <Card>
          <CardTitle>Requirements this control serves</CardTitle>
          <CardDescription className="mb-4">Map once: every engagement that includes a requirement picks up the control.</CardDescription>
          <MappingPicker
            orgSlug={ctx.orgSlug}
            hidden={{ controlId: control.id }}
            selected={[...control.criterionIds, ...control.objectiveIds]}
            readOnly={!editable}
            submitLabel="Save mappings"
            action={setControlMappingsAction}
            groups={[
              { name: "SOC 1 / ISAE 3402 objectives", field: "objectiveIds", options: objectives.map((o) => ({ id: o.id, code: o.ref, title: o.title, group: "" })) },
              { name: "SOC 2 criteria", field: "criterionIds", options: criteria.map((c) => ({ id: c.id, code: c.code, title: c.title, group: c.group })) },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
