import type { Metadata } from "next";
import { ControlForm } from "@/components/controls/control-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadNewControlPage } from "@/lib/db/new-control-page";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { createControlAction } from "../actions";

export const metadata: Metadata = { title: "New control" };

export default async function NewControlPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const { orgSlug, form } = await notFoundOnAppError(loadNewControlPage(ctx));
  if (!form) {
    return <Alert tone="info">Only owners, admins and editors can add controls.</Alert>;
  }
  return (
    <>
      <PageHeader
        title="New control"
        description="A control is your own: map it to SOC 2 criteria and SOC 1 / ISAE 3402 objectives after saving."
      />
      <Card>
        <ControlForm
          orgSlug={orgSlug}
          members={form.members}
          defaultGraceDays={form.defaultGraceDays}
          action={createControlAction}
        />
      </Card>
    </>
  );
}
