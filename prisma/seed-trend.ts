import type { OrgContext } from "../lib/db/context";
import { getDb } from "../lib/db/client";
import { engagementReadiness } from "../lib/db/readiness";
import { addDays } from "../lib/domain/readiness/calendar";

// The demo's readiness trend: one stored snapshot a day for the last TREND_DAYS days, ending
// with today's real figures and rising towards them (requirements moving from in progress to
// ready a few at a time), so the dashboard's chart and the overview's sparklines have a story.

export const TREND_DAYS = 60;

/** Where the trend starts, as a share of today's ready requirements. */
const START_SHARE = 0.55;

export async function seedTrend(
  ctx: OrgContext,
  engagementId: string,
  today: string,
): Promise<void> {
  const { counts } = await engagementReadiness(ctx, engagementId, today);
  const denominator = counts.total - counts.not_applicable;
  const rows = Array.from({ length: TREND_DAYS }, (_, index) => {
    const daysAgo = TREND_DAYS - 1 - index;
    const share = START_SHARE + ((1 - START_SHARE) * index) / (TREND_DAYS - 1);
    // Progress comes in steps: a week's figures hold for a few days before the next gain.
    const stepped = index === TREND_DAYS - 1 ? 1 : Math.floor(share * 20) / 20;
    const ready = Math.min(counts.ready, Math.round(counts.ready * stepped));
    return {
      organizationId: ctx.orgId,
      engagementId,
      day: addDays(today, -daysAgo),
      readinessPercent: denominator === 0 ? 100 : (100 * ready) / denominator,
      ready,
      inProgress: counts.in_progress + (counts.ready - ready),
      unmapped: counts.unmapped,
      notApplicable: counts.not_applicable,
      total: counts.total,
    };
  });
  await getDb().readinessSnapshot.createMany({ data: rows });
}
