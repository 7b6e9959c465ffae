import "server-only";
import { isoDateOf } from "@/lib/domain/dates";

/** Today's calendar date (UTC): the one place pages read the clock for readiness. */
export function todayIso(): string {
  return isoDateOf(new Date());
}
