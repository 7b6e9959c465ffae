import type { WorkItem, WorkKind } from "@/lib/domain/readiness/work-queue";

// What a work item says and where it leads: the one place the dashboard, My work and (through
// them) the digest word the queue.

export const KIND_LABELS: Record<WorkKind, string> = {
  design: "Design blockers",
  unmapped: "Unmapped requirements",
  missing: "Missing occurrences",
  exception: "Open exceptions",
  expiring: "Design evidence expiring",
  due_soon: "Due soon",
};

const REASON_TEXT: Record<Extract<WorkItem, { kind: "design" }>["reasons"][number], string> = {
  not_implemented: "not implemented",
  no_owner: "no owner",
  no_description: "no description",
  no_design_evidence: "no design evidence",
  stale_design_evidence: "design evidence out of date",
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-12-15" → "15 Dec 2026" (the year left out when it is `thisYear`). */
export function shortDate(date: string, thisYear?: string): string {
  const [year, month, day] = date.split("-");
  const text = `${Number(day)} ${MONTHS[Number(month) - 1] ?? month}`;
  return year === thisYear ? text : `${text} ${year}`;
}

const FREQUENCY_NOUN: Record<string, string> = {
  daily: "daily",
  multiple_daily: "daily",
  weekly: "weekly",
  monthly: "monthly",
  quarterly: "quarterly",
  semi_annual: "half-yearly",
  annual: "annual",
  continuous: "",
  event_driven: "event",
};

export function describeWork(item: WorkItem, today: string): string {
  const year = today.slice(0, 4);
  switch (item.kind) {
    case "design":
      return `${item.ref}: ${item.reasons.map((reason) => REASON_TEXT[reason]).join(", ")}`;
    case "unmapped":
      return `Map a control to ${item.code} ${item.title}`.trim();
    case "missing":
      return item.count === 1
        ? `${item.ref}: ${item.oldest.label} missing (ended ${shortDate(item.oldest.date, year)})`
        : `${item.ref}: ${item.count} occurrences missing, the oldest ${item.oldest.label} (ended ${shortDate(item.oldest.date, year)})`;
    case "exception":
      return `${item.ref}: ${item.text} to remediate`;
    case "expiring":
      return `${item.ref}: design evidence of ${shortDate(item.latestEvidence, year)} counts until ${shortDate(item.expiresOn, year)}`;
    case "due_soon": {
      if (item.count === 1)
        return `${item.ref}: ${item.first.label} due ${shortDate(item.first.date, year)}`;
      const noun = FREQUENCY_NOUN[item.frequency] ?? "";
      return `${item.ref}: ${item.count} ${noun ? `${noun} ` : ""}occurrences due by ${shortDate(item.dueBy, year)}`;
    }
  }
}

/** Where the work is done: the control page's form for the occurrence, or the requirement. */
export function workHref(item: WorkItem, orgSlug: string, engagementId: string): string {
  if (item.kind === "unmapped")
    return `/o/${orgSlug}/engagements/${engagementId}/requirements/${encodeURIComponent(item.requirementId)}`;
  const control = `/o/${orgSlug}/controls/${item.controlId}`;
  const inEngagement = `engagement=${engagementId}`;
  switch (item.kind) {
    case "missing":
      return `${control}?${inEngagement}&slot=${encodeURIComponent(item.oldest.key)}&purpose=operating#add-evidence`;
    case "due_soon":
      return `${control}?${inEngagement}&slot=${encodeURIComponent(item.first.key)}&purpose=operating#add-evidence`;
    case "expiring":
      return `${control}?${inEngagement}&purpose=design#add-evidence`;
    case "exception":
      return `${control}?${inEngagement}#exceptions`;
    case "design":
      return item.reasons.some((reason) => reason.endsWith("design_evidence"))
        ? `${control}?${inEngagement}&purpose=design#add-evidence`
        : `${control}?${inEngagement}#design`;
  }
}
