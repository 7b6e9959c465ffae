import {
  FAMILY_LABELS,
  TYPE_LABELS,
  type ReportFamily,
  type ReportType,
} from "@/lib/domain/engagements";

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
