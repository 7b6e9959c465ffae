import type { Role } from "@/lib/domain/permissions";

/** Who is asking, inside which organisation. Every data-access function takes it first. */
export type OrgContext = {
  userId: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  role: Role;
  /**
   * Auditors only: the engagements they were given and still hold (unexpired, unrevoked). They
   * see those engagements and the controls mapped to them, nothing else; see lib/db/scope.ts.
   */
  engagementIds?: readonly string[];
  /** Set when the request came with an API token: the activity log records it as the actor. */
  apiTokenId?: string;
};

/** A signed-in user outside any organisation (creating one, accepting an invitation). */
export type UserContext = { userId: string; email: string; name: string };
