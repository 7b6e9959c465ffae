import { getDb } from "../lib/db/client";
import { changeMemberRole } from "../lib/db/members";
import { createOrganization, resolveOrgContext } from "../lib/db/organizations";
import { createInvitation, acceptInvitation } from "../lib/db/invitations";
import { createUser } from "../lib/db/users";

// The demo organisation seeded on first start. Idempotent: does nothing when the demo owner
// already exists. Later features add their demo content here.

export const DEMO_PASSWORD = "assay-demo-password";
export const DEMO_USERS = {
  owner: { name: "Dana Owner", email: "demo@assay.local" },
  viewer: { name: "Vic Viewer", email: "viewer@assay.local" },
} as const;
export const DEMO_ORG_NAME = "Northwind Payments";

export async function seedDemo(): Promise<{ created: boolean; orgSlug: string | null }> {
  const db = getDb();
  if (await db.user.findUnique({ where: { email: DEMO_USERS.owner.email }, select: { id: true } })) {
    return { created: false, orgSlug: null };
  }
  const owner = await createUser({ ...DEMO_USERS.owner, password: DEMO_PASSWORD });
  const viewer = await createUser({ ...DEMO_USERS.viewer, password: DEMO_PASSWORD });
  const { slug } = await createOrganization(owner, { name: DEMO_ORG_NAME });
  const ctx = await resolveOrgContext(owner.userId, slug);
  if (!ctx) throw new Error("seed: the demo owner is not a member of the demo organisation");
  const invitation = await createInvitation(ctx, { email: viewer.email, role: "editor" });
  await acceptInvitation(viewer, invitation.token);
  const viewerMembership = await db.membership.findFirstOrThrow({ where: { organizationId: ctx.orgId, userId: viewer.userId } });
  await changeMemberRole(ctx, viewerMembership.id, "viewer");
  return { created: true, orgSlug: slug };
}

export function signInHelp(): string {
  return [
    "Sign in to the demo organisation with:",
    `  owner:  ${DEMO_USERS.owner.email} / ${DEMO_PASSWORD}`,
    `  viewer: ${DEMO_USERS.viewer.email} / ${DEMO_PASSWORD}`,
  ].join("\n");
}
