import type { Role } from "@/lib/domain/permissions";

/** Who is asking, inside which organisation. Every data-access function takes it first. */
export type OrgContext = {
  userId: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  role: Role;
};

/** A signed-in user outside any organisation (creating one, accepting an invitation). */
export type UserContext = { userId: string; email: string; name: string };
