import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ObjectiveForm } from "@/components/objectives/objective-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { listObjectives } from "@/lib/db/objectives";
import { can } from "@/lib/domain/permissions";
import { updateObjectiveAction } from "../actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";
import { pageId } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Edit objective" };

export default async function ObjectivePage({
  params,
}: {
  params: Promise<{ orgSlug: string; objectiveId: string }>;
}) {
  const { orgSlug, objectiveId: objectiveParam } = await params;
  const objectiveId = pageId(objectiveParam);
  const ctx = await requireOrgContext(orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  const objective = (await listObjectives(ctx, { includeRetired: true })).find(
    (o) => o.id === objectiveId,
  );
  if (!objective) notFound();
  return (
    <>
      <PageHeader title={`${objective.ref} · ${objective.title}`} />
      {can(ctx.role, "objective.manage") ? (
        <Card>
          <ObjectiveForm
            orgSlug={ctx.orgSlug}
            objective={objective}
            action={updateObjectiveAction}
          />
        </Card>
      ) : (
        <Alert tone="info">{objective.objective}</Alert>
      )}
    </>
  );
}
