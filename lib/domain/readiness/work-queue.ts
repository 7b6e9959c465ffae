// What to do next (issue 13, section 2): every blocker of an engagement, and what comes due soon,
// from the engine's result. Pure: the clock and the data come in as arguments. Each item names the
// requirements it holds back (or, for what is not yet a blocker, the requirements it will hold
// back), and the list is ordered by how many, so the most useful work comes first.
import type { RequirementStatus } from "../requirement-status";
import { addDays } from "./calendar";
import type { ReasonCode } from "./reasons";

export const WORK_KINDS = [
  "design",
  "unmapped",
  "missing",
  "exception",
  "expiring",
  "due_soon",
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** Open occurrences whose due date is at most this many days away are listed. */
export const DUE_SOON_DAYS = 14;
/** Design evidence that stops counting within this many days is listed. */
export const EXPIRING_DAYS = 30;

export type DesignReasonCode = Exclude<ReasonCode, "missing_occurrences" | "open_exception">;

type ControlItem = {
  /** Stable and unique in one engagement's queue: a React key, a test handle. */
  key: string;
  controlId: string;
  ref: string;
  ownerId: string | null;
  /** The requirements this work unblocks (or keeps ready), by id. */
  requirementIds: string[];
};
export type SlotRef = { key: string; label: string; date: string };

export type WorkItem =
  | (ControlItem & { kind: "design"; reasons: DesignReasonCode[] })
  | {
      kind: "unmapped";
      key: string;
      requirementId: string;
      code: string;
      title: string;
      ownerId: null;
      requirementIds: string[];
    }
  /** `oldest.date` is the oldest missing occurrence's end. */
  | (ControlItem & { kind: "missing"; count: number; oldest: SlotRef })
  | (ControlItem & { kind: "exception"; text: string })
  /** `expiresOn` is the last day the newest design evidence still counts. */
  | (ControlItem & { kind: "expiring"; latestEvidence: string; expiresOn: string })
  /** `first.date` is the earliest due date; `dueBy` the latest of the group. */
  | (ControlItem & {
      kind: "due_soon";
      count: number;
      frequency: string;
      first: SlotRef;
      dueBy: string;
    });

/** The parts of the engine's slot result the queue reads. */
export type QueueSlot = {
  key: string;
  label: string;
  end: string;
  state: "covered" | "missing" | "open" | "upcoming";
  /** For open slots: the first day the slot counts as missing (end + graceDays + 1). */
  dueFrom?: string | null;
};
export type QueueControl = {
  controlId: string;
  ref: string;
  frequency: string;
  inScope: boolean;
  ready: boolean;
  reasons: readonly { code: ReasonCode; text: string }[];
  design: { reasons: readonly { code: ReasonCode }[]; latestEvidence: string | null };
  operating: { slots: readonly QueueSlot[] } | null;
};
export type QueueReadiness = {
  type: "TYPE_I" | "TYPE_II";
  designDate: string;
  controls: readonly QueueControl[];
  requirements: readonly {
    requirementId: string;
    status: RequirementStatus;
    controlIds: readonly string[];
  }[];
};

export type WorkQueueInput = {
  readiness: QueueReadiness;
  /** Codes and titles of the requirements in scope, for naming unmapped ones. */
  requirements: readonly { id: string; code: string; title: string }[];
  /** Each control's owner (user id), by control id. */
  owners: ReadonlyMap<string, string | null>;
  today: string;
  freshnessDays: number;
  /** Type II: the period's last day (design evidence valid through it never expires here). */
  periodEnd: string | null;
};

const KIND_ORDER: Record<WorkKind, number> = {
  design: 0,
  unmapped: 1,
  missing: 2,
  exception: 3,
  expiring: 4,
  due_soon: 5,
};

export function workQueue(input: WorkQueueInput): WorkItem[] {
  const { readiness } = input;
  const affects = new Map<string, string[]>();
  const items: WorkItem[] = [];
  for (const requirement of readiness.requirements) {
    if (requirement.status === "not_applicable") continue;
    if (requirement.status === "unmapped") {
      const named = input.requirements.find((r) => r.id === requirement.requirementId);
      items.push({
        kind: "unmapped",
        key: `unmapped:${requirement.requirementId}`,
        requirementId: requirement.requirementId,
        code: named?.code ?? requirement.requirementId,
        title: named?.title ?? "",
        ownerId: null,
        requirementIds: [requirement.requirementId],
      });
    }
    for (const controlId of requirement.controlIds) {
      const list = affects.get(controlId) ?? [];
      list.push(requirement.requirementId);
      affects.set(controlId, list);
    }
  }

  const limits = limitsOf(readiness.type, input);
  for (const control of readiness.controls) {
    if (!control.inScope) continue;
    items.push(
      ...controlWork(control, limits, {
        controlId: control.controlId,
        ref: control.ref,
        ownerId: input.owners.get(control.controlId) ?? null,
        requirementIds: affects.get(control.controlId) ?? [],
      }),
    );
  }
  return items.sort(compareItems);
}

type Day = Pick<WorkQueueInput, "today" | "freshnessDays" | "periodEnd">;
type WorkControl = Omit<QueueControl, "inScope">;
export type WorkCountInput = Day & {
  type: QueueReadiness["type"];
  /** Controls in scope. */
  controls: readonly WorkControl[];
};

/**
 * How many items workQueue lists for these controls, the unmapped requirements aside: the same
 * rule per control, without the requirements each item holds back.
 */
export function workCount(input: WorkCountInput): number {
  const limits = limitsOf(input.type, input);
  const requirementIds: string[] = [];
  let count = 0;
  for (const control of input.controls) {
    const base = { controlId: control.controlId, ref: control.ref, ownerId: null, requirementIds };
    count += controlWork(control, limits, base).length;
  }
  return count;
}

type Limits = Day & { type: QueueReadiness["type"]; dueSoon: string; expiring: string };

function limitsOf(type: QueueReadiness["type"], day: Day): Limits {
  const { today, freshnessDays, periodEnd } = day;
  const dueSoon = addDays(today, DUE_SOON_DAYS);
  return {
    type,
    today,
    freshnessDays,
    periodEnd,
    dueSoon,
    expiring: addDays(today, EXPIRING_DAYS),
  };
}

/** One in-scope control's items: its design blockers, missing, exception, expiring, due soon. */
function controlWork(
  control: WorkControl,
  limits: Limits,
  base: Omit<ControlItem, "key">,
): WorkItem[] {
  const items: WorkItem[] = [];
  const designReasons = control.design.reasons
    .map((reason) => reason.code)
    .filter(
      (code): code is DesignReasonCode =>
        code !== "missing_occurrences" && code !== "open_exception",
    );
  if (designReasons.length > 0)
    items.push({
      ...base,
      kind: "design",
      key: `design:${control.controlId}`,
      reasons: designReasons,
    });

  const slots = control.operating?.slots ?? [];
  const missing = slots.filter((slot) => slot.state === "missing");
  const oldest = missing[0];
  if (oldest)
    items.push({
      ...base,
      kind: "missing",
      key: `missing:${control.controlId}`,
      count: missing.length,
      oldest: { key: oldest.key, label: oldest.label, date: oldest.end },
    });

  const exception = control.reasons.find((reason) => reason.code === "open_exception");
  if (exception)
    items.push({
      ...base,
      kind: "exception",
      key: `exception:${control.controlId}`,
      text: exception.text,
    });

  const expiresOn = expiry(control, limits);
  if (expiresOn !== null && control.design.latestEvidence !== null && expiresOn <= limits.expiring)
    items.push({
      ...base,
      kind: "expiring",
      key: `expiring:${control.controlId}`,
      latestEvidence: control.design.latestEvidence,
      expiresOn,
    });

  const soon = slots.filter(
    (slot): slot is QueueSlot & { dueFrom: string } =>
      slot.state === "open" && typeof slot.dueFrom === "string" && slot.dueFrom <= limits.dueSoon,
  );
  const first = soon[0];
  if (first)
    items.push({
      ...base,
      kind: "due_soon",
      key: `due_soon:${control.controlId}`,
      count: soon.length,
      frequency: control.frequency,
      first: { key: first.key, label: first.label, date: first.dueFrom },
      dueBy: soon.reduce(
        (latest, slot) => (slot.dueFrom > latest ? slot.dueFrom : latest),
        first.dueFrom,
      ),
    });
  return items;
}

/**
 * Type II only: the design date moves with today, so the newest design evidence stops counting
 * the day after `latestEvidence + freshnessDays`, unless the period ends first. A Type I design
 * date is fixed, so its evidence never expires.
 */
function expiry(control: WorkControl, limits: Limits): string | null {
  const latest = control.design.latestEvidence;
  if (limits.type !== "TYPE_II" || latest === null || limits.periodEnd === null) return null;
  const expiresOn = addDays(latest, limits.freshnessDays);
  if (expiresOn < limits.today || expiresOn >= limits.periodEnd) return null;
  return expiresOn;
}

function dateOf(item: WorkItem): string {
  switch (item.kind) {
    case "missing":
      return item.oldest.date;
    case "expiring":
      return item.expiresOn;
    case "due_soon":
      return item.first.date;
    default:
      return "";
  }
}

function nameOf(item: WorkItem): string {
  return item.kind === "unmapped" ? item.code : item.ref;
}

/** Most requirements first, then by kind, then the oldest date, then by name. */
function compareItems(a: WorkItem, b: WorkItem): number {
  return (
    b.requirementIds.length - a.requirementIds.length ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    dateOf(a).localeCompare(dateOf(b)) ||
    nameOf(a).localeCompare(nameOf(b))
  );
}

/** The owner filter: a member's user id, or "none" for work nobody owns. */
export type WorkFilter = { owner?: string; kind?: WorkKind };

export function filterWork(items: readonly WorkItem[], filter: WorkFilter): WorkItem[] {
  return items.filter(
    (item) =>
      (filter.kind === undefined || item.kind === filter.kind) &&
      (filter.owner === undefined ||
        (filter.owner === "none" ? item.ownerId === null : item.ownerId === filter.owner)),
  );
}
