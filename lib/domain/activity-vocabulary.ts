// The activity log's vocabulary: every action the log may record, with the record it is about
// and the shape of what it stores. `recordActivity` accepts only these; the activity page turns
// each into a sentence (activity-sentences.ts). A new action is added here, in one small commit.
// Stored rows keep whatever shape they were written in: the sentences read old rows too.

import { canonicalJson, type JsonValue } from "./canonical-json";

/** One edited field: the value it had and the value it has now. */
export type Change<T> = { from: T; to: T };
/** The fields an edit changed (only those): stored as `before` = the froms, `after` = the tos. */
export type Changes<T> = { [K in keyof T]?: Change<T[K]> };

type Json = JsonValue;
type Subject<E extends string> = { entityType: E; entityId: string };
/** Something came to be: `after` is what it was made with. */
type Made<E extends string, T> = Subject<E> & { after: T };
/** Something went: `before` is what it was. */
type Gone<E extends string, T> = Subject<E> & { before: T };
/**
 * A record was edited: what changed, and `context` (unchanged facts stored on both sides).
 * Written either as `changes` (preferred) or as the two sides of the edited fields.
 */
type Edited<E extends string, T, C = Record<never, never>> = Subject<E> &
  (
    | { changes: Changes<T>; context?: C }
    | { before: Partial<T> & Partial<C>; after: Partial<T> & Partial<C> }
  );
/** A set (links, order) was replaced: the whole set before and after. */
type Replaced<E extends string, T> = Subject<E> & { before?: T; after: T };
/** Something happened to a record; `after` holds the details, if any. */
type Happened<E extends string, T = undefined> = Subject<E> &
  (T extends undefined ? { after?: undefined } : { after: T });

type ControlFields = {
  ref: string;
  title: string;
  description: string;
  ownerId: string | null;
  status: string;
  frequency: string;
  nature: string;
  key: boolean;
  graceDays?: number | null;
};
type EngagementFields = {
  name: string;
  family: string;
  type: string;
  asOfDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  categories: string;
  cuecs: string;
  userResponsibilities: string;
  subservices: string;
  objectiveIds: string[];
};
type ObjectiveFields = { ref: string; area: string; title: string; objective: string };
type EvidenceFields = {
  title: string;
  purpose: string;
  effectiveDate: string;
  coverageEnd: string | null;
  slotKey: string | null;
  eventId: string | null;
  controlIds: string[];
  note: string | null;
  url: string | null;
};
type ExceptionFields = {
  date: string;
  description: string;
  severity: string;
  status: string;
  remediationNote: string | null;
};
type Mappings = { criterionIds: string[]; objectiveIds: string[] };
type AuditedRecord = "engagement" | "requirement" | "control" | "evidence" | "export";

export type ActivityPayloads = {
  "organization.created": Made<"organization", { name: string; slug: string }>;
  "organization.renamed": Edited<"organization", { name: string }>;
  "organization.two_factor_requirement_changed": Edited<
    "organization",
    { requireTwoFactor: boolean }
  >;
  "organization.sso_changed": Edited<
    "organization",
    { ssoDomain: string | null; ssoJoinRole: string | null; requireSso: boolean }
  >;
  "organization.settings_changed": Edited<
    "organization",
    { timeZone: string; defaultGraceDays: number; freshnessDays: number }
  >;

  "member.added": Made<"membership", { userId: string; role: string; invitationId?: string }>;
  "member.role_changed": Edited<"membership", { role: string }, { userId: string }>;
  "member.removed": Gone<"membership", { userId: string; role: string }>;
  /** Just-in-time membership: the first SSO sign-in of someone from the claimed email domain. */
  "member.joined_by_sso": Made<"membership", { userId: string; role: string; domain: string }>;
  "member.password_reset_link_issued": Made<"membership", { userId: string; expiresAt: string }>;
  /** The member's secret calendar-feed address (issued again: the old one stops working). */
  "member.calendar_feed_issued": Happened<"membership", { userId: string }>;
  "member.calendar_feed_revoked": Happened<"membership", { userId: string }>;

  "invitation.created": Made<"invitation", { email: string; role: string; expiresAt: string }>;
  "invitation.revoked": Gone<"invitation", { email: string; role: string }>;
  "invitation.accepted": Happened<"invitation", { email: string }>;

  "user.password_changed": Happened<"user">;
  "user.password_reset": Happened<"user", { by: string }> | Happened<"user">;
  "user.password_reset_link_issued": Happened<"user", { by: string }>;
  "user.signed_out_everywhere": Happened<"user", { sessions: number }>;
  "user.two_factor_enabled": Happened<"user", { otherSessionsEnded: number }>;
  "user.two_factor_disabled": Happened<"user">;
  "user.recovery_codes_replaced": Happened<"user", { recoveryCodes: number }>;
  "user.two_factor_reset_by_operator": Happened<"user", { sessionsEnded: number }>;
  /** An SSO identity (issuer and subject) was linked to the account by its verified email. */
  "user.sso_linked": Happened<"user", { issuer: string; email: string }>;
  /** An owner signed in with their password although the organisation requires SSO. */
  "user.break_glass_sign_in": Happened<"user">;

  /** An API token (the secret is never stored); `engagementIds` null: every engagement. */
  "api_token.created": Made<
    "api_token",
    {
      name: string;
      prefix: string;
      role: string;
      engagementIds: string[] | null;
      expiresAt: string;
    }
  >;
  "api_token.revoked": Happened<"api_token", { name: string; prefix: string }>;

  "control.created": Made<"control", ControlFields>;
  "control.updated": Edited<"control", ControlFields>;
  "control.bulk_updated": Edited<
    "control",
    { ownerId: string | null; status: string; graceDays?: number | null }
  >;
  "control.mappings_changed": Replaced<"control", Mappings>;
  "control.imported": Happened<
    "organization",
    { created: number; updated: number; unchanged: number }
  >;
  "requirement.controls_changed": Replaced<"criterion" | "objective", { controlIds: string[] }>;

  "objective.created": Made<"objective", ObjectiveFields | { ref: string; source: "starter" }>;
  "objective.updated": Edited<"objective", ObjectiveFields>;
  "objective.retired": Happened<"objective", { ref: string }>;
  "objective.restored": Happened<"objective", { ref: string }>;
  "objective.moved": Replaced<"objective", { sortOrder: number }>;

  "evidence.added": Made<
    "evidence",
    {
      kind: string;
      purpose: string;
      title: string;
      effectiveDate: string;
      coverageEnd: string | null;
      controlIds: string[];
      eventId: string | null;
      fileId: string | null;
      slotKey?: string | null;
    }
  >;
  "evidence.linked": Replaced<"evidence", { controlIds: string[] }>;
  "evidence.updated": Edited<"evidence", EvidenceFields, { kind: string }>;
  "evidence.deleted": Gone<
    "evidence",
    {
      title: string;
      kind: string;
      effectiveDate: string;
      controlIds: string[];
      purpose?: string;
      coverageEnd?: string | null;
      slotKey?: string | null;
      fileId?: string | null;
      reason?: string;
    }
  >;

  "population.event_added": Happened<
    "control",
    { eventId: string; date: string; reference: string }
  >;
  "population.imported": Happened<"control", { added: number; skipped: number }>;
  "population.event_removed": Gone<"control", { eventId: string; date: string; reference: string }>;

  "exception.recorded": Made<
    "exception",
    { controlId: string; date: string; severity: string; description: string }
  >;
  "exception.remediated": Edited<"exception", { status: string; remediationNote: string | null }>;
  "exception.updated": Edited<"exception", ExceptionFields, { controlId: string }>;
  "exception.deleted": Gone<"exception", ExceptionFields & { controlId: string; reason: string }>;

  "engagement.created": Made<"engagement", EngagementFields>;
  "engagement.updated": Edited<"engagement", EngagementFields>;
  "engagement.archived": Happened<"engagement">;
  "engagement.restored": Happened<"engagement">;
  "requirement.marked_not_applicable": Happened<
    "engagement",
    { requirementId: string; justification: string }
  >;
  "requirement.applicable_again": Happened<"engagement", { requirementId: string }>;

  "request.created": Made<
    "auditor_request",
    { engagementId: string; target: string; body: string }
  >;
  "request.closed": Happened<"auditor_request", { answer: string | null; evidenceIds: string[] }>;
  "request.reopened": Happened<"auditor_request">;
  "request.replied": Happened<"auditor_request", { side: string; evidenceIds: string[] }>;
  "request.answered": Happened<"auditor_request", { answer: string; evidenceIds: string[] }>;
  "request.accepted": Happened<"auditor_request">;
  "request.scheduled": Happened<
    "auditor_request",
    { assigneeId: string | null; dueDate: string | null }
  >;
  "request.links_changed": Replaced<
    "auditor_request",
    { requirementCodes: string[]; controlIds: string[] }
  >;
  "request.list_imported": Happened<
    "engagement",
    { importId: string; fileName: string; created: number; updated: number }
  >;

  "auditor.invited": Made<
    "invitation",
    { email: string; engagementIds: string[]; lastDay: string }
  >;
  "auditor.access_granted": Happened<"user", { engagementIds: string[]; expiresAt: string }>;
  "auditor.access_revoked": Gone<"user", { engagementId: string }>;
  "auditor.access_extended": Edited<"user", { lastDay: string }, { engagementId: string }>;
  "auditor.viewed": Happened<AuditedRecord, { label: string; engagementId: string | null }>;
  "auditor.downloaded": Happened<AuditedRecord, { label: string; engagementId: string | null }>;

  "export.sent": Happened<"export", { fileName: string | null }>;

  "description.section_saved": Edited<
    "description_section",
    { title: string; body: string; state: string },
    { key: string; engagementId: string | null; version: number }
  >;
  "description.state_changed": Edited<
    "description_section",
    { state: string },
    { key: string; title: string; engagementId: string | null }
  >;
  "description.owner_changed": Edited<
    "description_section",
    { ownerId: string | null },
    { key: string; title: string; engagementId: string | null }
  >;
  "description.evidence_attached": Happened<
    "description_section",
    { key: string; title: string; evidenceId: string }
  >;
  "description.evidence_detached": Happened<
    "description_section",
    { key: string; title: string; evidenceId: string }
  >;
  "description.section_overridden": Made<
    "description_section",
    { key: string; title: string; engagementId: string; sharedId: string }
  >;
  "description.override_removed": Gone<
    "description_section",
    { key: string; title: string; engagementId: string; body: string }
  >;
  "paperwork.saved": Edited<
    "paperwork_draft",
    { body: string },
    { engagementId: string; kind: string; version: number }
  >;
};

export type ActivityAction = keyof ActivityPayloads;

/** What `recordActivity` takes: an action from the list with that action's payload. */
export type ActivityInput = {
  [A in ActivityAction]: { action: A } & ActivityPayloads[A];
}[ActivityAction];

/** Every action, for filters and for checking a stored name (the list is the type's keys). */
export const ACTIVITY_ACTIONS = [
  "organization.created",
  "organization.renamed",
  "organization.two_factor_requirement_changed",
  "organization.sso_changed",
  "organization.settings_changed",
  "member.added",
  "member.role_changed",
  "member.removed",
  "member.joined_by_sso",
  "member.password_reset_link_issued",
  "member.calendar_feed_issued",
  "member.calendar_feed_revoked",
  "invitation.created",
  "invitation.revoked",
  "invitation.accepted",
  "user.password_changed",
  "user.password_reset",
  "user.password_reset_link_issued",
  "user.signed_out_everywhere",
  "user.two_factor_enabled",
  "user.two_factor_disabled",
  "user.recovery_codes_replaced",
  "user.two_factor_reset_by_operator",
  "user.sso_linked",
  "user.break_glass_sign_in",
  "api_token.created",
  "api_token.revoked",
  "control.created",
  "control.updated",
  "control.bulk_updated",
  "control.mappings_changed",
  "control.imported",
  "requirement.controls_changed",
  "objective.created",
  "objective.updated",
  "objective.retired",
  "objective.restored",
  "objective.moved",
  "evidence.added",
  "evidence.linked",
  "evidence.updated",
  "evidence.deleted",
  "population.event_added",
  "population.imported",
  "population.event_removed",
  "exception.recorded",
  "exception.remediated",
  "exception.updated",
  "exception.deleted",
  "engagement.created",
  "engagement.updated",
  "engagement.archived",
  "engagement.restored",
  "requirement.marked_not_applicable",
  "requirement.applicable_again",
  "request.created",
  "request.closed",
  "request.reopened",
  "request.replied",
  "request.answered",
  "request.accepted",
  "request.scheduled",
  "request.links_changed",
  "request.list_imported",
  "auditor.invited",
  "auditor.access_granted",
  "auditor.access_revoked",
  "auditor.access_extended",
  "auditor.viewed",
  "auditor.downloaded",
  "export.sent",
  "description.section_saved",
  "description.state_changed",
  "description.owner_changed",
  "description.evidence_attached",
  "description.evidence_detached",
  "description.section_overridden",
  "description.override_removed",
  "paperwork.saved",
] as const satisfies readonly ActivityAction[];

// Fails to compile when an action of the map is missing from the list above.
const everyActionListed: Record<
  Exclude<ActivityAction, (typeof ACTIVITY_ACTIONS)[number]>,
  never
> = {};
void everyActionListed;

export function isActivityAction(name: string): name is ActivityAction {
  return (ACTIVITY_ACTIONS as readonly string[]).includes(name);
}

/** The fields of `after` whose value differs from `before` (compared as JSON). */
export function changedFields<T extends { [key: string]: Json | undefined }>(
  before: T,
  after: T,
): Changes<T> {
  const changes: Changes<T> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (canonicalJson(before[key] ?? null) !== canonicalJson(after[key] ?? null))
      changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

/** How an input is stored: the `before` and `after` columns the chain hashes. */
export function storedSides(input: ActivityInput): { before?: Json; after?: Json } {
  if ("changes" in input) {
    const context: { [key: string]: Json | undefined } = input.context ?? {};
    const before: { [key: string]: Json | undefined } = { ...context };
    const after: { [key: string]: Json | undefined } = { ...context };
    for (const [field, change] of Object.entries(input.changes)) {
      if (!change) continue;
      const { from, to } = change as Change<Json>;
      before[field] = from;
      after[field] = to;
    }
    return { before, after };
  }
  return {
    ...("before" in input && input.before !== undefined ? { before: input.before } : {}),
    ...("after" in input && input.after !== undefined ? { after: input.after } : {}),
  };
}
