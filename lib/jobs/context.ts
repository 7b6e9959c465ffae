import "server-only";
import type { OrgContext } from "@/lib/db/context";
import type { JobOrganization } from "./definition";

/**
 * The context scheduled work reads an organisation's data with: no member (the scheduler acts
 * for nobody), and the viewer's permissions, which is all reading readiness needs. Data-access
 * functions check these as they would a member's, so a job cannot write what a viewer may not.
 */
export function jobContext(organization: JobOrganization): OrgContext {
  return {
    userId: "",
    orgId: organization.id,
    orgSlug: organization.slug,
    orgName: organization.name,
    role: "viewer",
  };
}
