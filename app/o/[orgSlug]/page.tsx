import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EngagementOverviewTable } from "@/components/engagements/engagement-overview-table";
import { OnboardingGuide } from "@/components/org/onboarding-guide";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadOnboarding } from "@/lib/db/onboarding";
import { loadOverview } from "@/lib/db/overview";
import { can } from "@/lib/domain/permissions";
import { todayFor } from "@/lib/server/clock";
import { myWorkFor } from "@/lib/server/my-work";
import { pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Overview" };

type Props = {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<{ view?: string | string[] }>;
};

/**
 * The organisation's landing page. Auditors go to their engagements; members who own controls
 * land on My work (the overview stays one click away, ?view=overview); everyone else sees the
 * overview.
 */
export default async function OrganizationOverviewPage({ params, searchParams }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const { view } = await pageQuery(searchParams);
  if (!can(ctx.role, "library.view")) redirect(`/o/${ctx.orgSlug}/engagements`);
  const work = await myWorkFor(ctx);
  if (view !== "overview" && work && work.ownedControls > 0) redirect(`/o/${ctx.orgSlug}/my-work`);
  const [{ members, engagements }, onboarding] = await Promise.all([
    loadOverview(ctx, await todayFor(ctx)),
    loadOnboarding(ctx),
  ]);
  // The first-time guide, for those who can do its steps, until every step is done.
  const guide =
    onboarding.done < onboarding.total &&
    (can(ctx.role, "engagement.manage") || can(ctx.role, "control.edit"));
  const base = `/o/${ctx.orgSlug}`;
  return (
    <>
      <PageHeader
        title={ctx.orgName}
        description={`You are ${ctx.role === "admin" || ctx.role === "owner" ? "an" : "a"} ${ctx.role} of this organisation.`}
      />
      {guide ? <OnboardingGuide {...onboarding} /> : null}
      <section aria-labelledby="overview-engagements" className="mb-6 space-y-3">
        <h2 id="overview-engagements" className="text-lg font-semibold text-slate-900">
          Engagements
        </h2>
        {engagements.length === 0 ? (
          <Card>
            <CardDescription>
              No engagements yet: an engagement is one report you are preparing (SOC 1, SOC 2, ISAE
              3402; Type I or Type II).{" "}
              {can(ctx.role, "engagement.manage") ? (
                <Link className="text-brand-700 hover:underline" href={`${base}/engagements/new`}>
                  Create the first engagement
                </Link>
              ) : null}
            </CardDescription>
          </Card>
        ) : (
          <EngagementOverviewTable orgSlug={ctx.orgSlug} engagements={engagements} />
        )}
      </section>
      <Card>
        <CardTitle>Team</CardTitle>
        <CardDescription>
          {members} {members === 1 ? "member" : "members"}.{" "}
          {can(ctx.role, "member.invite")
            ? "Invite the people who own controls and collect evidence."
            : null}
        </CardDescription>
        <Link
          href={`${base}/members`}
          className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline"
        >
          {can(ctx.role, "member.invite") ? "Invite and manage members" : "See who is on the team"}
        </Link>
      </Card>
    </>
  );
}
