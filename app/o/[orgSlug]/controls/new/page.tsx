import type { Metadata } from "next";
import { ControlForm } from "@/components/controls/control-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { listMemberOptions } from "@/lib/db/controls";
import { getReadinessSettings } from "@/lib/db/organization-settings";
import { can } from "@/lib/domain/permissions";
import { createControlAction } from "../actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "New control" };

export default async function NewControlPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  if (!can(ctx.role, "control.edit")) {
    return <Alert tone="info">Only owners, admins and editors can add controls.</Alert>;
  }
  const [members, settings] = await Promise.all([
    listMemberOptions(ctx),
    getReadinessSettings(ctx),
  ]);
  return (
    <>
      <PageHeader
        title="New control"
        description="A control is your own: map it to SOC 2 criteria and SOC 1 / ISAE 3402 objectives after saving."
      />
      <Card>
        <ControlForm
          orgSlug={ctx.orgSlug}
          members={members}
          defaultGraceDays={settings.defaultGraceDays}
          action={createControlAction}
        />
      </Card>
    </>
  );
}
