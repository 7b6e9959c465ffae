import type { Metadata } from "next";
import { StarterPicker } from "@/components/controls/starter-picker";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { can } from "@/lib/domain/permissions";
import { STARTER_CONTROLS } from "@/lib/domain/starter-controls";
import { adoptStarterControlsAction } from "../actions";
import { listControlRefs } from "@/lib/db/controls";
import { notFoundUnlessCan } from "@/lib/server/not-found";
import { FREQUENCY_LABELS } from "@/lib/domain/labels";

export const metadata: Metadata = { title: "Starter controls" };

export default async function StarterControlsPage({
  params,
}: {
  params: Promise<{ orgSlug: string }>;
}) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  if (!can(ctx.role, "control.edit"))
    return <Alert tone="info">Only owners, admins and editors can adopt controls.</Alert>;
  const taken = new Set(await listControlRefs(ctx));
  const options = STARTER_CONTROLS.map((control) => ({
    ref: control.ref,
    title: control.title,
    description: control.description,
    frequency: FREQUENCY_LABELS[control.frequency],
    mappings: [...control.criteria, ...control.objectives].join(", "),
    adopted: taken.has(control.ref),
  }));
  return (
    <>
      <PageHeader
        title="Starter controls"
        description="Typical controls of a service organisation, each pre-mapped to the SOC 2 criteria and starter objectives it usually serves. Adopted controls arrive as drafts for you to edit."
      />
      <StarterPicker orgSlug={ctx.orgSlug} options={options} action={adoptStarterControlsAction} />
    </>
  );
}
