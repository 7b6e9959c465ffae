import { getDb } from "@/lib/db/client";

// The version a record has now, as an edit form loaded at this moment would carry it.

export type VersionedModel =
  "control" | "engagement" | "objective" | "evidence" | "exception" | "membership" | "organization";

export async function versionOf(model: VersionedModel, id: string): Promise<number> {
  const db = getDb();
  const query = { where: { id }, select: { version: true } } as const;
  const read = {
    control: () => db.control.findUniqueOrThrow(query),
    engagement: () => db.engagement.findUniqueOrThrow(query),
    objective: () => db.controlObjective.findUniqueOrThrow(query),
    evidence: () => db.evidence.findUniqueOrThrow(query),
    exception: () => db.controlException.findUniqueOrThrow(query),
    membership: () => db.membership.findUniqueOrThrow(query),
    organization: () => db.organization.findUniqueOrThrow(query),
  }[model];
  return (await read()).version;
}

/** Controls as a list loaded now would show them: each with its current version. */
export async function asListed(
  controlIds: readonly string[],
): Promise<{ id: string; version: number }[]> {
  return Promise.all(
    controlIds.map(async (id) => ({ id, version: await versionOf("control", id) })),
  );
}

/** The id of the marking "not applicable" of a requirement, as the requirement page shows it. */
export async function exclusionIdOf(engagementId: string, requirementId: string): Promise<string> {
  const exclusion = await getDb().requirementExclusion.findUniqueOrThrow({
    where: { engagementId_requirementId: { engagementId, requirementId } },
    select: { id: true },
  });
  return exclusion.id;
}
