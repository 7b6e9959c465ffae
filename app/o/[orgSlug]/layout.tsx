import type { ReactNode } from "react";
import { AccessBanner } from "@/components/auditors/access-banner";
import { AppShell } from "@/components/shell/app-shell";
import { requireOrgContext, requireUser } from "@/lib/auth/session";
import { myAccessNotice } from "@/lib/db/auditor-notice";
import { listMyOrganizations } from "@/lib/db/organizations";
import { requestsWaitingCount } from "@/lib/db/request-views";
import { can } from "@/lib/domain/permissions";
import { currentInstant } from "@/lib/server/clock";
import { myWorkFor } from "@/lib/server/my-work";

type Props = { children: ReactNode; params: Promise<{ orgSlug: string }> };

export default async function OrganizationLayout({ children, params }: Props) {
  const { orgSlug } = await params;
  const ctx = await requireOrgContext(orgSlug);
  const user = await requireUser();
  const organizations = await listMyOrganizations(user);
  const base = `/o/${ctx.orgSlug}`;
  const library = can(ctx.role, "library.view");
  const work = await myWorkFor(ctx);
  const ownsControls = work !== null && work.ownedControls > 0;
  // Team: requests assigned to me and open; auditor: answers waiting for acceptance.
  const waitingRequests = await requestsWaitingCount(ctx);
  // Auditors: until when their read-only access runs, on every page.
  const notice = await myAccessNotice(ctx, currentInstant());
  const nav = [
    ...(library
      ? [
          // Owners of controls land on My work, so their Overview link asks for the overview.
          { href: ownsControls ? `${base}?view=overview` : base, label: "Overview", exact: true },
          {
            href: `${base}/my-work`,
            label: work?.counts.total ? `My work (${work.counts.total})` : "My work",
          },
          { href: `${base}/reminders`, label: "Reminders" },
        ]
      : []),
    { href: `${base}/engagements`, label: "Engagements" },
    ...(library
      ? [
          { href: `${base}/controls`, label: "Controls" },
          { href: `${base}/objectives`, label: "Objectives" },
          { href: `${base}/catalogue`, label: "SOC 2 criteria" },
        ]
      : []),
    {
      href: `${base}/requests`,
      label: waitingRequests ? `Auditor requests (${waitingRequests})` : "Auditor requests",
    },
    { href: `${base}/verify`, label: "Verify a pack" },
    ...(can(ctx.role, "member.view") ? [{ href: `${base}/members`, label: "Members" }] : []),
    ...(can(ctx.role, "auditor.manage") ? [{ href: `${base}/auditors`, label: "Auditors" }] : []),
    ...(can(ctx.role, "activity.view") ? [{ href: `${base}/activity`, label: "Activity" }] : []),
    ...(can(ctx.role, "org.update") ? [{ href: `${base}/settings`, label: "Settings" }] : []),
  ];
  return (
    <AppShell
      org={{ slug: ctx.orgSlug, name: ctx.orgName }}
      organizations={organizations}
      user={user}
      nav={nav}
    >
      {notice ? <AccessBanner {...notice} /> : null}
      {children}
    </AppShell>
  );
}
