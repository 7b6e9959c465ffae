// Design readiness (readiness-rules.md, section 4): Type I, and the design half of Type II.
import type { ControlStatus } from "../controls";
import type { EngagementDates } from "../engagements";
import { addDays, maxDate, minDate } from "./calendar";
import type { Reason } from "./reasons";

export const DEFAULT_FRESHNESS_DAYS = 365;

export type DesignControl = {
  status: ControlStatus;
  ownerId: string | null;
  description: string | null;
};

/** Design evidence linked to the control; only its date matters here. */
export type DatedEvidence = { effectiveDate: string };

export type DesignResult = {
  ready: boolean;
  reasons: Reason[];
  designDate: string;
  /** Design evidence dated in [windowStart, designDate] counts. */
  windowStart: string;
  /** The newest design evidence that counts, if any. */
  latestEvidence: string | null;
};

/** `asOfDate` for Type I; for Type II `today` clamped into [periodStart, periodEnd]. */
export function designDate(engagement: EngagementDates, today: string): string {
  if (engagement.type === "TYPE_I") return engagement.asOfDate;
  return minDate(maxDate(today, engagement.periodStart), engagement.periodEnd);
}

/**
 * A control is design-ready when it is implemented, owned, described and has design evidence
 * dated in [designDate − freshnessDays, designDate]. Reasons come in the contract's order.
 * Evidence dated after designDate does not count (it did not exist yet at that date); when the
 * only evidence that could count is older than the window, the reason is
 * `stale_design_evidence` even if later-dated evidence also exists.
 */
export function designReadiness(
  control: DesignControl,
  designEvidence: readonly DatedEvidence[],
  date: string,
  freshnessDays: number = DEFAULT_FRESHNESS_DAYS,
): DesignResult {
  const reasons: Reason[] = [];
  if (control.status !== "implemented")
    reasons.push({ code: "not_implemented", text: `not implemented (status ${control.status})` });
  if (!control.ownerId) reasons.push({ code: "no_owner", text: "no owner" });
  if (!control.description?.trim())
    reasons.push({ code: "no_description", text: "no description" });

  const windowStart = addDays(date, -freshnessDays);
  let latestEvidence: string | null = null;
  let latestStale: string | null = null;
  for (const evidence of designEvidence) {
    const effective = evidence.effectiveDate;
    if (effective > date) continue;
    if (effective >= windowStart) {
      if (latestEvidence === null || effective > latestEvidence) latestEvidence = effective;
    } else if (latestStale === null || effective > latestStale) {
      latestStale = effective;
    }
  }
  if (latestEvidence === null) {
    reasons.push(
      latestStale === null
        ? { code: "no_design_evidence", text: `no design evidence dated ${windowStart}…${date}` }
        : {
            code: "stale_design_evidence",
            text: `design evidence is older than ${freshnessDays} days (latest ${latestStale})`,
          },
    );
  }
  return { ready: reasons.length === 0, reasons, designDate: date, windowStart, latestEvidence };
}
