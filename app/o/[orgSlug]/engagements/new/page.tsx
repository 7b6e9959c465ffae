import type { Metadata } from "next";
import { EngagementForm } from "@/components/engagements/engagement-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { listObjectives } from "@/lib/db/objectives";
import { can } from "@/lib/domain/permissions";
import { createEngagementAction } from "../actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "New engagement" };

export default async function NewEngagementPage({
  params,
}: {
  params: Promise<{ orgSlug: string }>;
}) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  if (!can(ctx.role, "engagement.manage"))
    return <Alert tone="info">Only owners and admins can create engagements.</Alert>;
  const objectives = await listObjectives(ctx);
  return (
    <>
      <PageHeader title="New engagement" />
      <Card>
        <EngagementForm
          orgSlug={ctx.orgSlug}
          objectives={objectives}
          action={createEngagementAction}
        />
      </Card>
    </>
  );
}
