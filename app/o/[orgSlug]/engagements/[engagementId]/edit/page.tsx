import type { Metadata } from "next";
import { EngagementForm } from "@/components/engagements/engagement-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { getEngagement } from "@/lib/db/engagements";
import { listObjectives } from "@/lib/db/objectives";
import { can } from "@/lib/domain/permissions";
import { notFoundOnAppError, notFoundUnlessCan } from "@/lib/server/not-found";
import { archiveEngagementAction, updateEngagementAction } from "../../actions";
import { pageId } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Edit engagement" };

export default async function EditEngagementPage({
  params,
}: {
  params: Promise<{ orgSlug: string; engagementId: string }>;
}) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const ctx = await requireOrgContext(orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  const engagement = await notFoundOnAppError(getEngagement(ctx, engagementId));
  if (!can(ctx.role, "engagement.manage"))
    return <Alert tone="info">Only owners and admins can change engagements.</Alert>;
  const objectives = await listObjectives(ctx, { includeRetired: true });
  return (
    <>
      <PageHeader
        title={`Edit ${engagement.name}`}
        actions={
          <ConfirmAction
            triggerLabel={engagement.archived ? "Restore engagement" : "Archive engagement"}
            title={engagement.archived ? "Restore this engagement?" : "Archive this engagement?"}
            description={
              engagement.archived
                ? "It returns to the active list."
                : "It leaves the active list; its mappings and history are kept and it can be restored."
            }
            confirmLabel={engagement.archived ? "Restore" : "Archive"}
            action={archiveEngagementAction}
            fields={{
              orgSlug: ctx.orgSlug,
              engagementId: engagement.id,
              archived: engagement.archived ? "false" : "true",
              version: String(engagement.version),
            }}
          />
        }
      />
      <Card>
        <EngagementForm
          orgSlug={ctx.orgSlug}
          existing={{ id: engagement.id, version: engagement.version }}
          objectives={objectives.filter(
            (o) => !o.retired || engagement.objectiveIds.includes(o.id),
          )}
          initial={engagement}
          action={updateEngagementAction}
        />
      </Card>
    </>
  );
}
