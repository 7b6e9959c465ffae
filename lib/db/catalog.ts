import "server-only";
import { CRITERIA_EDITIONS, criterionId } from "@/lib/domain/catalog";
import { getDb } from "./client";
import { isUniqueViolation } from "./prisma-errors";

export type CriterionRow = {
  id: string;
  code: string;
  category: string;
  group: string;
  title: string;
  summary: string;
};

const synced = new Set<string>();

const FIELDS = ["edition", "code", "category", "group", "title", "summary", "sortOrder"] as const;

/**
 * Makes the criteria table match the catalogue in lib/domain (idempotent: safe on every start
 * and from several instances at once). Cached per database for the life of the process.
 */
export async function ensureCatalog(): Promise<void> {
  const db = getDb();
  const key = process.env.DATABASE_URL ?? "default";
  if (synced.has(key)) return;
  const stored = new Map(
    (
      await db.criterion.findMany({
        select: {
          id: true,
          edition: true,
          code: true,
          category: true,
          group: true,
          title: true,
          summary: true,
          sortOrder: true,
        },
      })
    ).map((row) => [row.id, row]),
  );
  for (const [edition, { criteria }] of Object.entries(CRITERIA_EDITIONS)) {
    const wanted = criteria.map((criterion, index) => ({
      id: criterionId(edition, criterion.code),
      edition,
      code: criterion.code,
      category: criterion.category,
      group: criterion.group,
      title: criterion.title,
      summary: criterion.summary,
      sortOrder: index,
    }));
    // Missing rows and rows whose wording drifted from the catalogue (a corrected title, say).
    const stale = wanted.filter((row) =>
      FIELDS.some((field) => stored.get(row.id)?.[field] !== row[field]),
    );
    if (stale.length === 0) continue;
    // Another instance syncing at the same moment may win the race; its rows are the same.
    await db
      .$transaction(
        stale.map(({ id, ...data }) =>
          db.criterion.upsert({ where: { id }, create: { id, ...data }, update: data }),
        ),
      )
      .catch((error: unknown) => {
        if (!isUniqueViolation(error)) throw error;
      });
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
