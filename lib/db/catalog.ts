import "server-only";
import { CRITERIA_EDITIONS, criterionId } from "@/lib/domain/catalog";
import { getDb } from "./client";
import { isUniqueViolation } from "./prisma-errors";

export type CriterionRow = { id: string; code: string; category: string; group: string; title: string; summary: string };

const synced = new Set<string>();

/**
 * Makes the criteria table match the catalogue in lib/domain (idempotent: safe on every start
 * and from several instances at once). Cached per database for the life of the process.
 */
export async function ensureCatalog(): Promise<void> {
  const db = getDb();
  const key = process.env.DATABASE_URL ?? "default";
  if (synced.has(key)) return;
  const expected = Object.values(CRITERIA_EDITIONS).reduce((sum, edition) => sum + edition.criteria.length, 0);
  if ((await db.criterion.count()) !== expected) {
    for (const [edition, { criteria }] of Object.entries(CRITERIA_EDITIONS)) {
      // Another instance syncing at the same moment may win the race; its rows are the same.
      await db
        .$transaction(
        criteria.map((criterion, index) => {
          const data = { edition, code: criterion.code, category: criterion.category, group: criterion.group, title: criterion.title, summary: criterion.summary, sortOrder: index };
          return db.criterion.upsert({ where: { id: criterionId(edition, criterion.code) }, create: { id: criterionId(edition, criterion.code), ...data }, update: data });
        }),
        )
        .catch((error: unknown) => {
          if (!isUniqueViolation(error)) throw error;
        });
    }
  }
  synced.add(key);
}

export async function listCriteria(edition: string): Promise<CriterionRow[]> {
  await ensureCatalog();
  return getDb().criterion.findMany({
    where: { edition },
    orderBy: { sortOrder: "asc" },
    select: { id: true, code: true, category: true, group: true, title: true, summary: true },
  });
}
