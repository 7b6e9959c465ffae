import "server-only";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { myAccessNotice, type AccessNotice } from "@/lib/db/auditor-notice";
import { listMyOrganizations } from "@/lib/db/organizations";
import { requestsWaitingCount } from "@/lib/db/request-views";
import { can } from "@/lib/domain/permissions";
import { currentInstant } from "./clock";
import { myWorkCountFor } from "./my-work";

// What the organisation layout shows around every page, in one call: the member's organisations
// for the switcher, the navigation for their role with its two counts (their work; requests
// assigned to them and open, or for an auditor, answers waiting for acceptance) and, for an
// auditor, until when their read-only access runs. The reads run at once.

export type NavItem = { href: string; label: string; exact?: boolean };

export type Shell = {
  organizations: Awaited<ReturnType<typeof listMyOrganizations>>;
  nav: NavItem[];
  notice: AccessNotice | null;
};

export async function loadShell(ctx: OrgContext, user: UserContext): Promise<Shell> {
  const [organizations, work, waitingRequests, notice] = await Promise.all([
    listMyOrganizations(user),
    myWorkCountFor(ctx),
    requestsWaitingCount(ctx),
    myAccessNotice(ctx, currentInstant()),
  ]);
  const base = `/o/${ctx.orgSlug}`;
  const library = can(ctx.role, "library.view");
  const ownsControls = work !== null && work.ownedControls > 0;
  const nav: NavItem[] = [
    ...(library
      ? [
          // Owners of controls land on My work, so their Overview link asks for the overview.
          { href: ownsControls ? `${base}?view=overview` : base, label: "Overview", exact: true },
          {
            href: `${base}/my-work`,
            label: work?.total ? `My work (${work.total})` : "My work",
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
  return { organizations, nav, notice };
}
