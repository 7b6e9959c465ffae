import type { ReportFamily, ReportType } from "@/lib/domain/engagements";
import { FAMILY_LABELS, TYPE_LABELS } from "@/lib/domain/labels";

export function describeEngagement(e: {
  family: ReportFamily;
  type: ReportType;
  asOfDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
}): string {
  const when =
    e.type === "TYPE_I"
      ? `as of ${e.asOfDate ?? "?"}`
      : `${e.periodStart ?? "?"} → ${e.periodEnd ?? "?"}`;
  return `${FAMILY_LABELS[e.family]} ${TYPE_LABELS[e.type]} · ${when}`;
}
