import type { Metadata } from "next";
import Link from "next/link";
import { describeEngagement } from "@/components/engagements/engagement-dates";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { listEngagements } from "@/lib/db/engagements";
import { can } from "@/lib/domain/permissions";

export const metadata: Metadata = { title: "Engagements" };

export default async function EngagementsPage({
  params,
}: {
  params: Promise<{ orgSlug: string }>;
}) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const engagements = await listEngagements(ctx, { includeArchived: true });
  const base = `/o/${ctx.orgSlug}/engagements`;
  const manage = can(ctx.role, "engagement.manage");
  return (
    <>
      <PageHeader
        title="Engagements"
        description="Each engagement is one report you are preparing. Several can run at once and share controls."
        actions={
          manage ? (
            <div className="flex gap-2">
              <Button asChild variant="secondary" size="sm">
                <Link href={`/o/${ctx.orgSlug}/questionnaire`}>Which report do we need?</Link>
              </Button>
              <Button asChild size="sm">
                <Link href={`${base}/new`}>New engagement</Link>
              </Button>
            </div>
          ) : null
        }
      />
      {engagements.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          No engagements yet.{" "}
          {manage ? (
            <>
              Not sure which report you need?{" "}
              <Link
                className="text-brand-700 hover:underline"
                href={`/o/${ctx.orgSlug}/questionnaire`}
              >
                Answer a few questions
              </Link>
              , or{" "}
              <Link className="text-brand-700 hover:underline" href={`${base}/new`}>
                create one directly
              </Link>
              .
            </>
          ) : (
            "An owner or admin can create one."
          )}
        </div>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {engagements.map((engagement) => (
            <Card key={engagement.id} className={engagement.archived ? "opacity-60" : undefined}>
              <CardTitle>
                <Link className="text-brand-700 hover:underline" href={`${base}/${engagement.id}`}>
                  {engagement.name}
                </Link>
                {engagement.archived ? <Badge className="ml-2">archived</Badge> : null}
              </CardTitle>
              <CardDescription>{describeEngagement(engagement)}</CardDescription>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
