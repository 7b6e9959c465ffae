import type { RecordedChange } from "./export/paperwork";

// What changed after a day, for a bridge letter: activity log entries about an engagement's
// controls, mappings, evidence and exceptions, as short human sentences. Pure: lib/db reads the
// entries and the engagement's scope, this decides what each entry says and how they are listed.

/** The actions whose entries can concern an engagement's paperwork. */
export const PAPERWORK_ACTIONS: readonly string[] = [
  "control.created",
  "control.updated",
  "control.bulk_updated",
  "control.mappings_changed",
  "requirement.controls_changed",
  "evidence.added",
  "evidence.linked",
  "evidence.deleted",
  "exception.recorded",
  "exception.remediated",
  "population.event_added",
  "population.event_removed",
  "population.imported",
];

/** An activity log entry as stored: before and after are JSON text. */
export type ChangeEntry = {
  seq: number;
  action: string;
  entityId: string;
  before: string | null;
  after: string | null;
  createdAt: Date;
};

export type ChangeScope = {
  /** Controls mapped to the engagement's in-scope requirements. */
  controls: ReadonlySet<string>;
  /** In-scope requirement id → code. */
  codeOf: ReadonlyMap<string, string>;
  /** Every control of the organisation: id → ref. */
  refOf: ReadonlyMap<string, string>;
  /** Exception id → control id, for the exceptions the entries mention. */
  exceptionControl: ReadonlyMap<string, string>;
};

function parse(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function ids(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

function refs(scope: ChangeScope, controlIds: readonly string[]): string {
  return controlIds
    .map((id) => scope.refOf.get(id) ?? "a control")
    .sort()
    .join(", ");
}

/** "mapped to CC6.1; unmapped from CC7.2", counting only requirements in scope; "" when none changed. */
function mappingChange(
  scope: ChangeScope,
  before: readonly string[],
  after: readonly string[],
): string {
  const added = after
    .filter((id) => !before.includes(id))
    .flatMap((id) => scope.codeOf.get(id) ?? []);
  const removed = before
    .filter((id) => !after.includes(id))
    .flatMap((id) => scope.codeOf.get(id) ?? []);
  return [
    added.length ? `mapped to ${added.sort().join(", ")}` : "",
    removed.length ? `unmapped from ${removed.sort().join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** The sentence for one entry, or null when it does not concern the engagement. */
export function describeChange(scope: ChangeScope, entry: ChangeEntry): string | null {
  const before = parse(entry.before);
  const after = parse(entry.after);
  const ref = scope.refOf.get(entry.entityId) ?? "a control";
  const inScope = (controlIds: readonly string[]) =>
    controlIds.filter((id) => scope.controls.has(id));
  switch (entry.action) {
    case "control.created":
      return scope.controls.has(entry.entityId) ? `Control ${ref} created` : null;
    case "control.updated":
    case "control.bulk_updated":
      return scope.controls.has(entry.entityId) ? `Control ${ref} updated` : null;
    case "control.mappings_changed": {
      const change = mappingChange(
        scope,
        [...ids(before.criterionIds), ...ids(before.objectiveIds)],
        [...ids(after.criterionIds), ...ids(after.objectiveIds)],
      );
      return change ? `Control ${ref} ${change}` : null;
    }
    case "requirement.controls_changed": {
      const code = scope.codeOf.get(entry.entityId);
      if (!code) return null;
      const was = ids(before.controlIds);
      const now = ids(after.controlIds);
      const added = now.filter((id) => !was.includes(id));
      const removed = was.filter((id) => !now.includes(id));
      const parts = [
        added.length ? `added ${refs(scope, added)}` : "",
        removed.length ? `removed ${refs(scope, removed)}` : "",
      ].filter(Boolean);
      return parts.length ? `Controls for ${code} changed: ${parts.join("; ")}` : null;
    }
    case "evidence.added": {
      const controls = inScope(ids(after.controlIds));
      return controls.length ? `Evidence added to ${refs(scope, controls)}` : null;
    }
    case "evidence.linked": {
      const was = ids(before.controlIds);
      const controls = inScope(ids(after.controlIds).filter((id) => !was.includes(id)));
      return controls.length ? `Evidence linked to ${refs(scope, controls)}` : null;
    }
    case "evidence.deleted": {
      const controls = inScope(ids(before.controlIds));
      return controls.length ? `Evidence removed from ${refs(scope, controls)}` : null;
    }
    case "exception.recorded": {
      const controlId = typeof after.controlId === "string" ? after.controlId : "";
      return scope.controls.has(controlId)
        ? `Exception recorded on ${refs(scope, [controlId])}`
        : null;
    }
    case "exception.remediated": {
      const controlId = scope.exceptionControl.get(entry.entityId) ?? "";
      return scope.controls.has(controlId)
        ? `Exception on ${refs(scope, [controlId])} remediated`
        : null;
    }
    case "population.event_added":
    case "population.event_removed":
    case "population.imported":
      return scope.controls.has(entry.entityId)
        ? `Population of ${ref} ${entry.action === "population.event_removed" ? "event removed" : "events added"}`
        : null;
    default:
      return null;
  }
}

/**
 * Collects the sentences in the order entries are added: the same sentence on the same day is
 * listed once with a count; past `limit` lines the rest become one "and N more" line.
 */
export function changeList(limit: number): {
  add: (scope: ChangeScope, entry: ChangeEntry) => void;
  changes: () => RecordedChange[];
} {
  const listed = new Map<string, { date: string; text: string; count: number }>();
  let more = 0;
  let lastOmitted = "";
  return {
    add(scope, entry) {
      const text = describeChange(scope, entry);
      if (text === null) return;
      const date = entry.createdAt.toISOString().slice(0, 10);
      const key = `${date} ${text}`;
      const existing = listed.get(key);
      if (existing) existing.count += 1;
      else if (listed.size < limit) listed.set(key, { date, text, count: 1 });
      else {
        more += 1;
        lastOmitted = date;
      }
    },
    changes() {
      const changes = [...listed.values()].map(({ date, text, count }) => ({
        date,
        text: count > 1 ? `${text} (${count} times)` : text,
      }));
      if (more > 0)
        changes.push({
          date: lastOmitted,
          text: `… and ${more} more ${more === 1 ? "change" : "changes"} up to this day (see the activity log)`,
        });
      return changes;
    },
  };
}
