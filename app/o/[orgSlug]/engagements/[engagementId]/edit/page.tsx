import type { Metadata } from "next";
import { EngagementForm } from "@/components/engagements/engagement-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadEditEngagementPage } from "@/lib/db/edit-engagement-page";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId } from "@/lib/server/page-params";
import { archiveEngagementAction, updateEngagementAction } from "../../actions";

export const metadata: Metadata = { title: "Edit engagement" };

export default async function EditEngagementPage({
  params,
}: {
  params: Promise<{ orgSlug: string; engagementId: string }>;
}) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const ctx = await requireOrgContext(orgSlug);
  const page = await notFoundOnAppError(loadEditEngagementPage(ctx, engagementId));
  if (!page.form) return <Alert tone="info">Only owners and admins can change engagements.</Alert>;
  const { engagement, objectives } = page.form;
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
              orgSlug: page.orgSlug,
              engagementId: engagement.id,
              archived: engagement.archived ? "false" : "true",
              version: String(engagement.version),
            }}
          />
        }
      />
      <Card>
        <EngagementForm
          orgSlug={page.orgSlug}
          existing={{ id: engagement.id, version: engagement.version }}
          objectives={objectives}
          initial={engagement}
          action={updateEngagementAction}
        />
      </Card>
    </>
  );
}
