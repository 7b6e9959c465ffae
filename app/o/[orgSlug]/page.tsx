import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EngagementOverviewTable } from "@/components/engagements/engagement-overview-table";
import { OnboardingGuide } from "@/components/org/onboarding-guide";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadOverviewPage } from "@/lib/db/overview-page";
import { todayFor } from "@/lib/server/clock";
import { myWorkCountFor } from "@/lib/server/my-work";
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
  // Shared with the layout's navigation count: read once per request.
  const work = await myWorkCountFor(ctx);
  const page = await loadOverviewPage(ctx, {
    overviewAsked: view === "overview",
    ownedControls: work?.ownedControls ?? 0,
    today: () => todayFor(ctx),
  });
  if (page.kind === "redirect") redirect(page.to);
  const base = `/o/${page.orgSlug}`;
  return (
    <>
      <PageHeader
        title={page.orgName}
        description={`You are ${page.role === "admin" || page.role === "owner" ? "an" : "a"} ${page.role} of this organisation.`}
      />
      {page.guide ? <OnboardingGuide {...page.guide} /> : null}
      <section aria-labelledby="overview-engagements" className="mb-6 space-y-3">
        <h2 id="overview-engagements" className="text-lg font-semibold text-slate-900">
          Engagements
        </h2>
        {page.engagements.length === 0 ? (
          <Card>
            <CardDescription>
              No engagements yet: an engagement is one report you are preparing (SOC 1, SOC 2, ISAE
              3402; Type I or Type II).{" "}
              {page.permissions.manageEngagements ? (
                <Link className="text-brand-700 hover:underline" href={`${base}/engagements/new`}>
                  Create the first engagement
                </Link>
              ) : null}
            </CardDescription>
          </Card>
        ) : (
          <EngagementOverviewTable orgSlug={page.orgSlug} engagements={page.engagements} />
        )}
      </section>
      <Card>
        <CardTitle>Team</CardTitle>
        <CardDescription>
          {page.members} {page.members === 1 ? "member" : "members"}.{" "}
          {page.permissions.invite
            ? "Invite the people who own controls and collect evidence."
            : null}
        </CardDescription>
        <Link
          href={`${base}/members`}
          className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline"
        >
          {page.permissions.invite ? "Invite and manage members" : "See who is on the team"}
        </Link>
      </Card>
    </>
  );
}
