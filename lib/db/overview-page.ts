import "server-only";
import type { OnboardingProgress } from "@/lib/domain/onboarding";
import { can, type Role } from "@/lib/domain/permissions";
import type { OrgContext } from "./context";
import { loadOnboarding } from "./onboarding";
import { loadOverview, type OverviewEngagement } from "./overview";

// The organisation's landing page in one call: where to send the visitor instead (auditors to
// their engagements, members who own controls to My work unless they asked for the overview),
// or everything the overview shows.

export type OverviewLanding = {
  /** `?view=overview`: the overview, though the member owns controls. */
  overviewAsked: boolean;
  /** The active controls the member owns (My work's count). */
  ownedControls: number;
  /** The organisation's date; read only when the overview is shown. */
  today: () => Promise<string>;
};

export type OverviewPage =
  | { kind: "redirect"; to: string }
  | {
      kind: "overview";
      orgSlug: string;
      orgName: string;
      role: Role;
      /** Members of the team (auditors not counted). */
      members: number;
      engagements: OverviewEngagement[];
      /** The first-time guide, for those who can do its steps, until every step is done. */
      guide: OnboardingProgress | null;
      permissions: { manageEngagements: boolean; invite: boolean };
    };

export async function loadOverviewPage(
  ctx: OrgContext,
  landing: OverviewLanding,
): Promise<OverviewPage> {
  const base = `/o/${ctx.orgSlug}`;
  if (!can(ctx.role, "library.view")) return { kind: "redirect", to: `${base}/engagements` };
  if (!landing.overviewAsked && landing.ownedControls > 0)
    return { kind: "redirect", to: `${base}/my-work` };
  const permissions = {
    manageEngagements: can(ctx.role, "engagement.manage"),
    invite: can(ctx.role, "member.invite"),
  };
  const [{ members, engagements }, onboarding] = await Promise.all([
    loadOverview(ctx, await landing.today()),
    loadOnboarding(ctx),
  ]);
  const guided = permissions.manageEngagements || can(ctx.role, "control.edit");
  return {
    kind: "overview",
    orgSlug: ctx.orgSlug,
    orgName: ctx.orgName,
    role: ctx.role,
    members,
    engagements,
    guide: guided && onboarding.done < onboarding.total ? onboarding : null,
    permissions,
  };
}
