import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { listMembers } from "@/lib/db/members";
import { can } from "@/lib/domain/permissions";

export const metadata: Metadata = { title: "Overview" };

type Props = { params: Promise<{ orgSlug: string }> };

export default async function OrganizationOverviewPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  // Auditors see only their engagements.
  if (!can(ctx.role, "library.view")) redirect(`/o/${ctx.orgSlug}/engagements`);
  const members = await listMembers(ctx);
  const base = `/o/${ctx.orgSlug}`;
  return (
    <>
      <PageHeader
        title={ctx.orgName}
        description={`You are ${ctx.role === "admin" || ctx.role === "owner" ? "an" : "a"} ${ctx.role} of this organisation.`}
      />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardTitle>Team</CardTitle>
          <CardDescription>
            {members.length} {members.length === 1 ? "member" : "members"}.{" "}
            {can(ctx.role, "member.invite")
              ? "Invite the people who own controls and collect evidence."
              : null}
          </CardDescription>
          <Link
            href={`${base}/members`}
            className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline"
          >
            {can(ctx.role, "member.invite")
              ? "Invite and manage members"
              : "See who is on the team"}
          </Link>
        </Card>
        <Card>
          <CardTitle>Engagements</CardTitle>
          <CardDescription>
            Reports you are preparing (SOC 1, SOC 2, ISAE 3402; Type I or Type II) will appear here
            with their readiness.
          </CardDescription>
        </Card>
      </div>
    </>
  );
}
