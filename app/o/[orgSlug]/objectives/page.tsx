import type { Metadata } from "next";
import { ObjectiveForm } from "@/components/objectives/objective-form";
import { ObjectivesTable } from "@/components/objectives/objectives-table";
import { StarterObjectivesForm } from "@/components/objectives/starter-objectives-form";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadObjectivesPage } from "@/lib/db/objectives-page";
import { notFoundOnAppError } from "@/lib/server/not-found";
import {
  adoptStarterObjectivesAction,
  createObjectiveAction,
  moveObjectiveAction,
  retireObjectiveAction,
} from "./actions";

export const metadata: Metadata = { title: "Control objectives" };

export default async function ObjectivesPage({ params }: { params: Promise<{ orgSlug: string }> }) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const page = await notFoundOnAppError(loadObjectivesPage(ctx));
  const editable = page.permissions.manage;
  const { missingStarter, orgSlug } = page;

  return (
    <>
      <PageHeader
        title="Control objectives"
        description="Your SOC 1 / ISAE 3402 control objectives. Engagements choose from these; controls map to them."
      />
      {page.objectives.length === 0 ? (
        <p className="mb-6 rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No objectives yet.{" "}
          {editable
            ? "Start from the starter objectives below or write your own."
            : "An editor can add them."}
        </p>
      ) : (
        <ObjectivesTable page={page} move={moveObjectiveAction} retire={retireObjectiveAction} />
      )}
      {editable ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardTitle className="mb-4">Write an objective</CardTitle>
            <ObjectiveForm orgSlug={orgSlug} action={createObjectiveAction} />
          </Card>
          <Card>
            <CardTitle>Starter objectives</CardTitle>
            <CardDescription className="mb-4">
              {missingStarter.length
                ? "IT general controls and business-process objectives in our wording; edit them after adding."
                : "You have all 24 starter objectives."}
            </CardDescription>
            {missingStarter.length ? (
              <StarterObjectivesForm
                orgSlug={orgSlug}
                options={missingStarter}
                action={adoptStarterObjectivesAction}
              />
            ) : null}
          </Card>
        </div>
      ) : null}
    </>
  );
}
