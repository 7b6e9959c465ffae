// The activity log as a history: each stored entry becomes a sentence ("Dana Kowalski changed
// AC-01 status from draft to implemented") whose records are links when they still exist. Pure:
// the names of records come in through a lookup, which the loader fills from the database.

import { asFields, changePhrases, count, ids, quote, setDelta, text } from "./activity-changes";
import { PEOPLE_SENTENCES } from "./activity-sentences-people";
import type { ActivityAction } from "./activity-vocabulary";
import type {
  ActivityFacts,
  Describe,
  Piece,
  RecordKind,
  RecordLookup,
  RecordRef,
  Sentences,
  SentencePart,
  Writer,
} from "./activity-writer";

const FALLBACK_NAMES: Record<RecordKind, string> = {
  control: "a deleted control",
  evidence: "deleted evidence",
  engagement: "a deleted engagement",
  objective: "a deleted objective",
  request: "a deleted request",
  export: "a deleted export",
  exception: "a deleted exception",
  requirement: "a requirement",
  user: "a former member",
  membership: "a former member",
};

function controls(w: Writer, controlIds: readonly string[]): Piece[] {
  const [first, ...rest] = controlIds;
  if (!first) return ["no control"];
  return [w.rec("control", first), rest.length ? ` and ${rest.length} more` : ""];
}

function reason(w: Writer): Piece[] {
  const why = text(w.before, "reason");
  return why ? [`: ${quote(why)}`] : [];
}

function edited(subject: (w: Writer) => Piece[]): Describe {
  return (w) => {
    const phrases = w.changes();
    return phrases
      ? [`${w.actor} changed `, ...subject(w), ` ${phrases}`]
      : [`${w.actor} saved `, ...subject(w), " without changes"];
  };
}

const control = (w: Writer) => [w.rec("control", w.entityId)];
const engagement = (w: Writer) => [w.rec("engagement", w.entityId, text(w.after, "name"))];
const objective = (w: Writer) => [w.rec("objective", w.entityId, text(w.after, "ref"))];
const AUDITED: readonly string[] = ["engagement", "requirement", "control", "evidence", "export"];
const viewedRecord = (w: Writer) =>
  AUDITED.includes(w.entityType)
    ? w.rec(w.entityType as RecordKind, w.entityId, text(w.after, "label"))
    : { text: text(w.after, "label") ?? w.entityType };

const SENTENCES: Sentences = {
  ...PEOPLE_SENTENCES,
  "organization.renamed": edited(() => ["the organisation's"]),
  "control.created": (w) => [
    `${w.actor} created control `,
    w.rec("control", w.entityId, text(w.after, "ref")),
  ],
  "control.updated": edited(control),
  "control.bulk_updated": edited(control),
  "control.mappings_changed": (w) => [
    `${w.actor} changed the requirements `,
    w.rec("control", w.entityId),
    ` maps to (${setDelta(
      [...ids(w.before, "criterionIds"), ...ids(w.before, "objectiveIds")],
      [...ids(w.after, "criterionIds"), ...ids(w.after, "objectiveIds")],
    )})`,
  ],
  "control.imported": (w) => [
    `${w.actor} imported controls: ${count(w.after, "created") ?? 0} created, ${count(w.after, "updated") ?? 0} updated, ${count(w.after, "unchanged") ?? 0} unchanged`,
  ],
  "requirement.controls_changed": (w) => [
    `${w.actor} changed the controls serving `,
    w.rec("requirement", w.entityId),
    ` (${setDelta(ids(w.before, "controlIds"), ids(w.after, "controlIds"))})`,
  ],
  "objective.created": (w) => [`${w.actor} created objective `, ...objective(w)],
  "objective.updated": edited(objective),
  "objective.retired": (w) => [`${w.actor} retired objective `, ...objective(w)],
  "objective.restored": (w) => [`${w.actor} restored objective `, ...objective(w)],
  "objective.moved": (w) => [
    `${w.actor} moved objective `,
    ...objective(w),
    (count(w.after, "sortOrder") ?? 0) < (count(w.before, "sortOrder") ?? 0) ? " up" : " down",
  ],
  "evidence.added": (w) => [
    `${w.actor} added evidence ${quote(text(w.after, "title") ?? "")} to `,
    ...controls(w, ids(w.after, "controlIds")),
  ],
  "evidence.linked": (w) => {
    const had = new Set(ids(w.before, "controlIds"));
    return [
      `${w.actor} linked evidence `,
      w.rec("evidence", w.entityId),
      " to ",
      ...controls(
        w,
        ids(w.after, "controlIds").filter((id) => !had.has(id)),
      ),
    ];
  },
  "evidence.updated": edited((w) => [
    "evidence ",
    w.rec("evidence", w.entityId, text(w.after, "title")),
  ]),
  "evidence.deleted": (w) => [
    `${w.actor} deleted evidence ${quote(text(w.before, "title") ?? "")} from `,
    ...controls(w, ids(w.before, "controlIds")),
    ...reason(w),
  ],
  "population.event_added": (w) => [
    `${w.actor} added population event ${quote(text(w.after, "reference") ?? "")} (${text(w.after, "date")}) to `,
    ...control(w),
  ],
  "population.imported": (w) => [
    `${w.actor} imported ${count(w.after, "added") ?? 0} population events into `,
    ...control(w),
    ` (${count(w.after, "skipped") ?? 0} skipped)`,
  ],
  "population.event_removed": (w) => [
    `${w.actor} removed population event ${quote(text(w.before, "reference") ?? "")} from `,
    ...control(w),
  ],
  "exception.recorded": (w) => [
    `${w.actor} recorded a ${text(w.after, "severity") ?? ""} severity exception (${text(w.after, "date")}) on `,
    w.rec("control", text(w.after, "controlId")),
  ],
  "exception.updated": edited((w) => [
    "the exception on ",
    w.rec("control", text(w.after, "controlId")),
  ]),
  "exception.deleted": (w) => [
    `${w.actor} deleted the ${text(w.before, "severity") ?? ""} severity exception (${text(w.before, "date")}) on `,
    w.rec("control", text(w.before, "controlId")),
    ...reason(w),
  ],
  "exception.remediated": (w) => [
    `${w.actor} marked an exception on `,
    w.rec("exception", w.entityId),
    " remediated",
  ],
  "organization.settings_changed": (w) => [
    `${w.actor} changed the organisation's settings: ${w.changes() || "no change"}`,
  ],
  "engagement.created": (w) => [`${w.actor} created engagement `, ...engagement(w)],
  "engagement.updated": edited(engagement),
  "engagement.archived": (w) => [`${w.actor} archived engagement `, ...engagement(w)],
  "engagement.restored": (w) => [`${w.actor} restored engagement `, ...engagement(w)],
  "requirement.marked_not_applicable": (w) => [
    `${w.actor} marked `,
    requirementIn(w),
    " not applicable in ",
    ...engagement(w),
    `: ${quote(text(w.after, "justification") ?? "")}`,
  ],
  "requirement.applicable_again": (w) => [
    `${w.actor} made `,
    requirementIn(w),
    " applicable again in ",
    ...engagement(w),
  ],
  "request.created": (w) => [
    `${w.actor} asked ${quote(text(w.after, "body") ?? "")} about `,
    w.rec("request", w.entityId, text(w.after, "target")),
  ],
  "request.closed": (w) => [`${w.actor} answered the request about `, w.rec("request", w.entityId)],
  "request.reopened": (w) => [
    `${w.actor} reopened the request about `,
    w.rec("request", w.entityId),
  ],
  "request.replied": (w) => [
    `${w.actor} replied on the request about `,
    w.rec("request", w.entityId),
  ],
  "request.answered": (w) => [
    `${w.actor} answered the request about `,
    w.rec("request", w.entityId),
  ],
  "request.accepted": (w) => [
    `${w.actor} accepted the answer to the request about `,
    w.rec("request", w.entityId),
  ],
  "request.scheduled": (w) => [
    `${w.actor} changed the assignee or due date of the request about `,
    w.rec("request", w.entityId),
  ],
  "request.links_changed": (w) => [
    `${w.actor} changed what the request about `,
    w.rec("request", w.entityId),
    " is linked to",
  ],
  "request.list_imported": (w) => [
    `${w.actor} imported the request list ${quote(text(w.after, "fileName") ?? "")} into `,
    ...engagement(w),
  ],
  "auditor.viewed": (w) => [`${w.actor} viewed `, viewedRecord(w)],
  "auditor.downloaded": (w) => [`${w.actor} downloaded `, viewedRecord(w)],
  "export.sent": (w) => [
    `${w.actor} sent export `,
    w.rec("export", w.entityId, text(w.after, "fileName")),
  ],
  "description.section_saved": (w) => [
    `${w.actor} saved the description section ${quote(text(w.after, "title") ?? text(w.before, "title") ?? "")}`,
  ],
  "description.state_changed": (w) => [
    `${w.actor} moved the description section ${quote(text(w.after, "title") ?? "")} from ${text(w.before, "state") ?? "?"} to ${text(w.after, "state") ?? "?"}`,
  ],
  "description.owner_changed": (w) => [
    `${w.actor} changed the owner of the description section ${quote(text(w.after, "title") ?? "")}`,
  ],
  "description.evidence_attached": (w) => [
    `${w.actor} attached evidence to the description section ${quote(text(w.after, "title") ?? "")}`,
  ],
  "description.evidence_detached": (w) => [
    `${w.actor} detached evidence from the description section ${quote(text(w.after, "title") ?? "")}`,
  ],
  "description.section_overridden": (w) => [
    `${w.actor} gave one engagement its own version of the shared description section ${quote(text(w.after, "title") ?? "")}`,
  ],
  "description.override_removed": (w) => [
    `${w.actor} returned one engagement to the shared description section ${quote(text(w.before, "title") ?? "")}`,
  ],
  "paperwork.saved": (w) => [`${w.actor} saved the ${text(w.after, "kind") ?? ""} draft`],
};

function requirementIn(w: Writer): SentencePart {
  const id = text(w.after, "requirementId");
  const part = w.rec("requirement", id);
  return part.link && id
    ? { ...part, link: { page: "requirement", id, engagementId: w.entityId } }
    : part;
}

function plain(entry: ActivityFacts, actor: string): Piece[] {
  return [
    `${actor}: ${entry.action.replaceAll(/[._]/g, " ")} (${entry.entityType.replaceAll("_", " ")})`,
  ];
}

export function hasSentence(action: string): boolean {
  return action in SENTENCES;
}

/** The entry as a sentence. An action this list does not know, or a row that does not read, gets a plain one. */
export function describeActivity(entry: ActivityFacts, lookup: RecordLookup): SentencePart[] {
  const person = (id: string | null) =>
    (id ? lookup({ kind: "user", id })?.label : undefined) ?? "a former member";
  const before = asFields(entry.before);
  const after = asFields(entry.after);
  const w: Writer = {
    actor: entry.actorName ?? "System",
    before,
    after,
    entityId: entry.entityId,
    entityType: entry.entityType,
    rec: (kind, id, fallback) => {
      const known = id ? lookup({ kind, id }) : undefined;
      if (known)
        return known.link ? { text: known.label, link: known.link } : { text: known.label };
      return { text: fallback ?? FALLBACK_NAMES[kind] };
    },
    person,
    changes: () => changePhrases(before, after, (id) => person(id)).join(", "),
  };
  const describe = SENTENCES[entry.action as ActivityAction];
  const pieces = describe ? describe(w) : plain(entry, w.actor);
  return pieces
    .filter((piece) => piece !== "")
    .map((piece) => (typeof piece === "string" ? { text: piece } : piece));
}

/** The records an entry's sentence names, for the loader to look up in one go. */
export function activityReferences(entry: ActivityFacts): RecordRef[] {
  const refs: RecordRef[] = [];
  describeActivity(entry, (ref) => {
    refs.push(ref);
    return undefined;
  });
  return refs;
}

export function sentenceText(parts: readonly SentencePart[]): string {
  return parts.map((part) => part.text).join("");
}
