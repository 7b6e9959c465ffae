import "server-only";
import type { Tx } from "./client";
import type { OrgContext } from "./context";

/**
 * Locks the organisation's row until the transaction ends, so changes that read and then write
 * several of its rows (an owner count, a set of mappings, a sort order) never interleave.
 */
export async function lockOrganization(tx: Tx, ctx: OrgContext): Promise<void> {
  await tx.organization.update({
    where: { id: ctx.orgId },
    data: { updatedAt: new Date() },
    select: { id: true },
  });
}
