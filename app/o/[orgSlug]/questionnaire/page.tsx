import type { Metadata } from "next";
import { Questionnaire } from "@/components/engagements/questionnaire";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { can } from "@/lib/domain/permissions";
import { createRecommendedEngagementsAction } from "./actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "Which report do we need?" };

export default async function QuestionnairePage({
  params,
}: {
  params: Promise<{ orgSlug: string }>;
}) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  return (
    <>
      <PageHeader
        title="Which report do we need?"
        description="A few questions about your service and your customers; the answer explains itself and can become engagements in one click."
      />
      <Card>
        <Questionnaire
          orgSlug={ctx.orgSlug}
          canCreate={can(ctx.role, "engagement.manage")}
          action={createRecommendedEngagementsAction}
        />
      </Card>
    </>
  );
}
