import type { Metadata } from "next";
import { ObjectiveForm } from "@/components/objectives/objective-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadObjectivePage } from "@/lib/db/objectives-page";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId } from "@/lib/server/page-params";
import { updateObjectiveAction } from "../actions";

export const metadata: Metadata = { title: "Edit objective" };

export default async function ObjectivePage({
  params,
}: {
  params: Promise<{ orgSlug: string; objectiveId: string }>;
}) {
  const { orgSlug, objectiveId: objectiveParam } = await params;
  const objectiveId = pageId(objectiveParam);
  const ctx = await requireOrgContext(orgSlug);
  const { objective, permissions } = await notFoundOnAppError(loadObjectivePage(ctx, objectiveId));
  return (
    <>
      <PageHeader title={`${objective.ref} · ${objective.title}`} />
      {permissions.manage ? (
        <Card>
          <ObjectiveForm orgSlug={orgSlug} objective={objective} action={updateObjectiveAction} />
        </Card>
      ) : (
        <Alert tone="info">{objective.objective}</Alert>
      )}
    </>
  );
}
