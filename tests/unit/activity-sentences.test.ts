import { describe, expect, it } from "vitest";
import {
  activityReferences,
  describeActivity,
  hasSentence,
  sentenceText,
} from "@/lib/domain/activity-sentences";
import {
  ACTIVITY_ACTIONS,
  changedFields,
  storedSides,
  type ActivityAction,
  type ActivityInput,
} from "@/lib/domain/activity-vocabulary";
import type { ActivityFacts, KnownRecord, RecordRef } from "@/lib/domain/activity-writer";

const KNOWN: Record<string, KnownRecord> = {
  "control:c1": { label: "AC-01", link: { page: "control", id: "c1" } },
  "control:c3": { label: "AC-03", link: { page: "control", id: "c3" } },
  "evidence:e1": { label: "Q1 access review", link: { page: "control", id: "c3" } },
  "engagement:g1": { label: "SOC 2 Type II 2026", link: { page: "engagement", id: "g1" } },
  "objective:o1": { label: "CO-1", link: { page: "objective", id: "o1" } },
  "request:r1": { label: "AC-01", link: { page: "requests", id: "r1" } },
  "exception:x1": { label: "AC-01", link: { page: "control", id: "c1" } },
  "requirement:cc61": { label: "CC6.1", link: { page: "requirement", id: "cc61" } },
  "export:x9": { label: "pack.zip", link: { page: "exports", id: "g1" } },
  "user:u1": { label: "Dana Kowalski", link: null },
  "user:u2": { label: "Sam Lee", link: null },
};
const lookup = (ref: RecordRef) => KNOWN[`${ref.kind}:${ref.id}`];
const lookNothingUp = () => undefined;

const control = {
  ref: "AC-01",
  title: "Access reviews",
  description: "Quarterly.",
  ownerId: "u1",
  status: "draft",
  frequency: "quarterly",
  nature: "manual",
  key: true,
};
const engagement = {
  name: "SOC 2 Type II 2026",
  family: "SOC2",
  type: "TYPE_II",
  asOfDate: null,
  periodStart: "2026-01-01",
  periodEnd: "2026-12-31",
  categories: '["security"]',
  cuecs: "[]",
  userResponsibilities: "[]",
  subservices: "[]",
  objectiveIds: [],
};

/** One input per action, written as the data-access code writes it. */
const CTX = { key: "services", title: "Services provided", engagementId: "g1" };

const INPUTS: { [A in ActivityAction]?: Extract<ActivityInput, { action: A }> } = {
  "organization.created": {
    action: "organization.created",
    entityType: "organization",
    entityId: "org",
    after: { name: "Acme", slug: "acme" },
  },
  "organization.renamed": {
    action: "organization.renamed",
    entityType: "organization",
    entityId: "org",
    changes: { name: { from: "Acme", to: "Acme Ltd" } },
  },
  "organization.two_factor_requirement_changed": {
    action: "organization.two_factor_requirement_changed",
    entityType: "organization",
    entityId: "org",
    changes: { requireTwoFactor: { from: false, to: true } },
  },
  "member.added": {
    action: "member.added",
    entityType: "membership",
    entityId: "m1",
    after: { userId: "u2", role: "editor" },
  },
  "member.role_changed": {
    action: "member.role_changed",
    entityType: "membership",
    entityId: "m1",
    changes: { role: { from: "editor", to: "admin" } },
    context: { userId: "u2" },
  },
  "member.removed": {
    action: "member.removed",
    entityType: "membership",
    entityId: "m1",
    before: { userId: "u2", role: "viewer" },
  },
  "member.password_reset_link_issued": {
    action: "member.password_reset_link_issued",
    entityType: "membership",
    entityId: "m1",
    after: { userId: "u2", expiresAt: "2026-05-02T00:00:00.000Z" },
  },
  "member.calendar_feed_issued": {
    action: "member.calendar_feed_issued",
    entityType: "membership",
    entityId: "m1",
    after: { userId: "u2" },
  },
  "member.calendar_feed_revoked": {
    action: "member.calendar_feed_revoked",
    entityType: "membership",
    entityId: "m1",
    after: { userId: "u2" },
  },
  "invitation.created": {
    action: "invitation.created",
    entityType: "invitation",
    entityId: "i1",
    after: { email: "kim@example.com", role: "viewer", expiresAt: "2026-05-02T00:00:00.000Z" },
  },
  "invitation.revoked": {
    action: "invitation.revoked",
    entityType: "invitation",
    entityId: "i1",
    before: { email: "kim@example.com", role: "viewer" },
  },
  "invitation.accepted": {
    action: "invitation.accepted",
    entityType: "invitation",
    entityId: "i1",
    after: { email: "kim@example.com" },
  },
  "user.password_changed": { action: "user.password_changed", entityType: "user", entityId: "u2" },
  "user.password_reset": {
    action: "user.password_reset",
    entityType: "user",
    entityId: "u2",
    after: { by: "server operator" },
  },
  "user.password_reset_link_issued": {
    action: "user.password_reset_link_issued",
    entityType: "user",
    entityId: "u2",
    after: { by: "server operator" },
  },
  "user.signed_out_everywhere": {
    action: "user.signed_out_everywhere",
    entityType: "user",
    entityId: "u2",
    after: { sessions: 3 },
  },
  "user.two_factor_enabled": {
    action: "user.two_factor_enabled",
    entityType: "user",
    entityId: "u2",
    after: { otherSessionsEnded: 1 },
  },
  "user.two_factor_disabled": {
    action: "user.two_factor_disabled",
    entityType: "user",
    entityId: "u2",
  },
  "user.recovery_codes_replaced": {
    action: "user.recovery_codes_replaced",
    entityType: "user",
    entityId: "u2",
    after: { recoveryCodes: 10 },
  },
  "user.two_factor_reset_by_operator": {
    action: "user.two_factor_reset_by_operator",
    entityType: "user",
    entityId: "u2",
    after: { sessionsEnded: 2 },
  },
  "user.sso_linked": {
    action: "user.sso_linked",
    entityType: "user",
    entityId: "u2",
    after: { issuer: "https://id.example.com", email: "ann@example.com" },
  },
  "user.break_glass_sign_in": {
    action: "user.break_glass_sign_in",
    entityType: "user",
    entityId: "u2",
  },
  "api_token.created": {
    action: "api_token.created",
    entityType: "api_token",
    entityId: "t1",
    after: {
      name: "CI upload",
      prefix: "assay_AbCdEf",
      role: "editor",
      engagementIds: ["g1"],
      expiresAt: "2027-03-01T00:00:00.000Z",
    },
  },
  "api_token.revoked": {
    action: "api_token.revoked",
    entityType: "api_token",
    entityId: "t1",
    after: { name: "CI upload", prefix: "assay_AbCdEf" },
  },
  "organization.sso_changed": {
    action: "organization.sso_changed",
    entityType: "organization",
    entityId: "o1",
    before: { ssoDomain: null, ssoJoinRole: null, requireSso: false },
    after: { ssoDomain: "example.com", ssoJoinRole: "viewer", requireSso: true },
  },
  "member.joined_by_sso": {
    action: "member.joined_by_sso",
    entityType: "membership",
    entityId: "m1",
    after: { userId: "u2", role: "viewer", domain: "example.com" },
  },
  "control.created": {
    action: "control.created",
    entityType: "control",
    entityId: "c1",
    after: control,
  },
  "control.updated": {
    action: "control.updated",
    entityType: "control",
    entityId: "c1",
    changes: changedFields(control, { ...control, status: "implemented" }),
  },
  "control.bulk_updated": {
    action: "control.bulk_updated",
    entityType: "control",
    entityId: "c1",
    changes: { ownerId: { from: "u1", to: "u2" } },
  },
  "control.mappings_changed": {
    action: "control.mappings_changed",
    entityType: "control",
    entityId: "c1",
    before: { criterionIds: ["a"], objectiveIds: [] },
    after: { criterionIds: ["b", "c"], objectiveIds: [] },
  },
  "control.imported": {
    action: "control.imported",
    entityType: "organization",
    entityId: "org",
    after: { created: 3, updated: 2, unchanged: 5 },
  },
  "requirement.controls_changed": {
    action: "requirement.controls_changed",
    entityType: "criterion",
    entityId: "cc61",
    before: { controlIds: [] },
    after: { controlIds: ["c1"] },
  },
  "objective.created": {
    action: "objective.created",
    entityType: "objective",
    entityId: "o1",
    after: { ref: "CO-1", source: "starter" },
  },
  "objective.updated": {
    action: "objective.updated",
    entityType: "objective",
    entityId: "o1",
    changes: { title: { from: "Old", to: "New" } },
  },
  "objective.retired": {
    action: "objective.retired",
    entityType: "objective",
    entityId: "o1",
    after: { ref: "CO-1" },
  },
  "objective.restored": {
    action: "objective.restored",
    entityType: "objective",
    entityId: "o1",
    after: { ref: "CO-1" },
  },
  "objective.moved": {
    action: "objective.moved",
    entityType: "objective",
    entityId: "o1",
    before: { sortOrder: 2 },
    after: { sortOrder: 1 },
  },
  "evidence.added": {
    action: "evidence.added",
    entityType: "evidence",
    entityId: "e1",
    after: {
      kind: "note",
      purpose: "design",
      title: "Q1 access review",
      effectiveDate: "2026-03-31",
      coverageEnd: null,
      controlIds: ["c3"],
      eventId: null,
      fileId: null,
    },
  },
  "evidence.linked": {
    action: "evidence.linked",
    entityType: "evidence",
    entityId: "e1",
    before: { controlIds: ["c3"] },
    after: { controlIds: ["c1", "c3"] },
  },
  "evidence.deleted": {
    action: "evidence.deleted",
    entityType: "evidence",
    entityId: "e2",
    before: {
      title: "Old screenshot",
      kind: "file",
      effectiveDate: "2026-01-01",
      controlIds: ["c3"],
    },
  },
  "population.event_added": {
    action: "population.event_added",
    entityType: "control",
    entityId: "c1",
    after: { eventId: "p1", date: "2026-02-01", reference: "CHG-7" },
  },
  "population.imported": {
    action: "population.imported",
    entityType: "control",
    entityId: "c1",
    after: { added: 40, skipped: 2 },
  },
  "population.event_removed": {
    action: "population.event_removed",
    entityType: "control",
    entityId: "c1",
    before: { eventId: "p1", date: "2026-02-01", reference: "CHG-7" },
  },
  "exception.recorded": {
    action: "exception.recorded",
    entityType: "exception",
    entityId: "x1",
    after: { controlId: "c1", date: "2026-02-03", severity: "high", description: "Missed." },
  },
  "exception.remediated": {
    action: "exception.remediated",
    entityType: "exception",
    entityId: "x1",
    before: { status: "open" },
    after: { status: "remediated", remediationNote: "Fixed." },
  },
  "organization.settings_changed": {
    action: "organization.settings_changed",
    entityType: "organization",
    entityId: "org",
    changes: {
      timeZone: { from: "UTC", to: "Europe/Warsaw" },
      defaultGraceDays: { from: 0, to: 5 },
    },
  },
  "evidence.updated": {
    action: "evidence.updated",
    entityType: "evidence",
    entityId: "e1",
    changes: {
      effectiveDate: { from: "2026-03-31", to: "2026-04-01" },
      note: { from: "a", to: "b" },
    },
    context: { kind: "note" },
  },
  "exception.updated": {
    action: "exception.updated",
    entityType: "exception",
    entityId: "x1",
    changes: { severity: { from: "low", to: "high" } },
    context: { controlId: "c1" },
  },
  "exception.deleted": {
    action: "exception.deleted",
    entityType: "exception",
    entityId: "x2",
    before: {
      controlId: "c1",
      date: "2026-02-03",
      description: "Missed.",
      severity: "low",
      status: "open",
      remediationNote: null,
      reason: "Recorded twice.",
    },
  },
  "engagement.created": {
    action: "engagement.created",
    entityType: "engagement",
    entityId: "g1",
    after: engagement,
  },
  "engagement.updated": {
    action: "engagement.updated",
    entityType: "engagement",
    entityId: "g1",
    changes: changedFields(engagement, { ...engagement, periodEnd: "2026-11-30", cuecs: '["x"]' }),
  },
  "engagement.archived": {
    action: "engagement.archived",
    entityType: "engagement",
    entityId: "g1",
  },
  "engagement.restored": {
    action: "engagement.restored",
    entityType: "engagement",
    entityId: "g1",
  },
  "requirement.marked_not_applicable": {
    action: "requirement.marked_not_applicable",
    entityType: "engagement",
    entityId: "g1",
    after: { requirementId: "cc61", justification: "No such systems." },
  },
  "requirement.applicable_again": {
    action: "requirement.applicable_again",
    entityType: "engagement",
    entityId: "g1",
    after: { requirementId: "cc61" },
  },
  "request.created": {
    action: "request.created",
    entityType: "auditor_request",
    entityId: "r1",
    after: { engagementId: "g1", target: "AC-01", body: "Please send the Q1 review." },
  },
  "request.closed": {
    action: "request.closed",
    entityType: "auditor_request",
    entityId: "r1",
    after: { answer: "Attached.", evidenceIds: ["e1"] },
  },
  "request.reopened": { action: "request.reopened", entityType: "auditor_request", entityId: "r1" },
  "request.replied": {
    action: "request.replied",
    entityType: "auditor_request",
    entityId: "r1",
    after: { side: "team", evidenceIds: [] },
  },
  "request.answered": {
    action: "request.answered",
    entityType: "auditor_request",
    entityId: "r1",
    after: { answer: "Attached.", evidenceIds: ["e1"] },
  },
  "request.accepted": { action: "request.accepted", entityType: "auditor_request", entityId: "r1" },
  "request.scheduled": {
    action: "request.scheduled",
    entityType: "auditor_request",
    entityId: "r1",
    after: { assigneeId: "u2", dueDate: "2026-06-30" },
  },
  "request.links_changed": {
    action: "request.links_changed",
    entityType: "auditor_request",
    entityId: "r1",
    before: { requirementCodes: [], controlIds: [] },
    after: { requirementCodes: ["CC6.1"], controlIds: ["c1"] },
  },
  "request.list_imported": {
    action: "request.list_imported",
    entityType: "engagement",
    entityId: "g1",
    after: { importId: "l1", fileName: "PBC.xlsx", created: 3, updated: 1 },
  },
  "auditor.invited": {
    action: "auditor.invited",
    entityType: "invitation",
    entityId: "i2",
    after: { email: "audit@firm.example", engagementIds: ["g1"], lastDay: "2026-09-30" },
  },
  "auditor.access_granted": {
    action: "auditor.access_granted",
    entityType: "user",
    entityId: "u2",
    after: { engagementIds: ["g1"], expiresAt: "2026-10-01T00:00:00.000Z" },
  },
  "auditor.access_revoked": {
    action: "auditor.access_revoked",
    entityType: "user",
    entityId: "u2",
    before: { engagementId: "g1" },
  },
  "auditor.access_extended": {
    action: "auditor.access_extended",
    entityType: "user",
    entityId: "u2",
    changes: { lastDay: { from: "2026-09-30", to: "2026-10-31" } },
    context: { engagementId: "g1" },
  },
  "auditor.viewed": {
    action: "auditor.viewed",
    entityType: "control",
    entityId: "c1",
    after: { label: "AC-01", engagementId: "g1" },
  },
  "auditor.downloaded": {
    action: "auditor.downloaded",
    entityType: "evidence",
    entityId: "e1",
    after: { label: "Q1 access review", engagementId: "g1" },
  },
  "description.section_saved": {
    action: "description.section_saved",
    entityType: "description_section",
    entityId: "d1",
    before: { title: "Services provided", body: "Old", state: "approved" },
    after: { title: "Services provided", body: "New", state: "draft" },
  },
  "description.state_changed": {
    action: "description.state_changed",
    entityType: "description_section",
    entityId: "d1",
    changes: { state: { from: "draft", to: "in_review" } },
    context: CTX,
  },
  "description.owner_changed": {
    action: "description.owner_changed",
    entityType: "description_section",
    entityId: "d1",
    changes: { ownerId: { from: null, to: "u2" } },
    context: CTX,
  },
  "description.evidence_attached": {
    action: "description.evidence_attached",
    entityType: "description_section",
    entityId: "d1",
    after: { key: "services", title: "Services provided", evidenceId: "e1" },
  },
  "description.evidence_detached": {
    action: "description.evidence_detached",
    entityType: "description_section",
    entityId: "d1",
    after: { key: "services", title: "Services provided", evidenceId: "e1" },
  },
  "description.section_overridden": {
    action: "description.section_overridden",
    entityType: "description_section",
    entityId: "d2",
    after: { key: "services", title: "Services provided", engagementId: "g1", sharedId: "d1" },
  },
  "description.override_removed": {
    action: "description.override_removed",
    entityType: "description_section",
    entityId: "d2",
    before: { key: "services", title: "Services provided", engagementId: "g1", body: "Ours" },
  },
  "paperwork.saved": {
    action: "paperwork.saved",
    entityType: "paperwork_draft",
    entityId: "p1",
    changes: { body: { from: "a", to: "b" } },
    context: { engagementId: "g1", kind: "assertion", version: 1 },
  },
  "export.sent": {
    action: "export.sent",
    entityType: "export",
    entityId: "x9",
    after: { fileName: "pack.zip" },
  },
};

/** The entry as it is read back: the stored sides parsed, the actor's name joined. */
function stored(input: ActivityInput, actorName: string | null = "Dana Kowalski"): ActivityFacts {
  const { before, after } = storedSides(input);
  return {
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: before === undefined ? null : JSON.parse(JSON.stringify(before)),
    after: after === undefined ? null : JSON.parse(JSON.stringify(after)),
    actorName,
  };
}

function sentence(action: ActivityAction, look = lookup): string {
  const input = INPUTS[action];
  if (!input) throw new Error(`no input for ${action}`);
  return sentenceText(describeActivity(stored(input), look));
}

const EXPECTED: { [A in ActivityAction]?: string } = {
  "control.updated": "Dana Kowalski changed AC-01 status from draft to implemented",
  "control.bulk_updated": "Dana Kowalski changed AC-01 owner from Dana Kowalski to Sam Lee",
  "evidence.added": 'Dana Kowalski added evidence "Q1 access review" to AC-03',
  "evidence.linked": "Dana Kowalski linked evidence Q1 access review to AC-01",
  "evidence.deleted": 'Dana Kowalski deleted evidence "Old screenshot" from AC-03',
  "organization.renamed": "Dana Kowalski changed the organisation's name from Acme to Acme Ltd",
  "member.role_changed": "Dana Kowalski changed Sam Lee's role from editor to admin",
  "engagement.updated":
    "Dana Kowalski changed SOC 2 Type II 2026 period end from 2026-12-31 to 2026-11-30, CUECs",
  "control.mappings_changed":
    "Dana Kowalski changed the requirements AC-01 maps to (2 added, 1 removed)",
  "requirement.controls_changed": "Dana Kowalski changed the controls serving CC6.1 (1 added)",
  "requirement.marked_not_applicable":
    'Dana Kowalski marked CC6.1 not applicable in SOC 2 Type II 2026: "No such systems."',
  "exception.recorded": "Dana Kowalski recorded a high severity exception (2026-02-03) on AC-01",
  "auditor.access_extended":
    "Dana Kowalski changed Sam Lee's auditor access to SOC 2 Type II 2026: last day from 2026-09-30 to 2026-10-31",
  "user.password_reset": "The server operator reset Sam Lee's password",
  "objective.moved": "Dana Kowalski moved objective CO-1 up",
  "organization.settings_changed":
    "Dana Kowalski changed the organisation's settings: time zone from UTC to Europe/Warsaw, default grace days from 0 to 5",
  "evidence.updated":
    "Dana Kowalski changed evidence Q1 access review effective date from 2026-03-31 to 2026-04-01, note",
  "exception.updated": "Dana Kowalski changed the exception on AC-01 severity from low to high",
  "exception.deleted":
    'Dana Kowalski deleted the low severity exception (2026-02-03) on AC-01: "Recorded twice."',
  "organization.two_factor_requirement_changed":
    "Dana Kowalski made two-factor sign-in required for every member",
  "api_token.created":
    'Dana Kowalski created API token "CI upload" (editor, 1 engagement, until 2027-03-01)',
  "api_token.revoked": 'Dana Kowalski revoked API token "CI upload"',
};

describe("activity sentences", () => {
  it("has an input and a sentence for every action of the vocabulary", () => {
    const missing = ACTIVITY_ACTIONS.filter((action) => !INPUTS[action] || !hasSentence(action));
    expect(missing).toEqual([]);
  });

  it.each(ACTIVITY_ACTIONS)("%s reads as a sentence with no raw values", (action) => {
    const text = sentence(action);
    expect(text).not.toMatch(/undefined|null|\[object|[{}]/);
    expect(text).not.toContain(action);
    expect(text.length).toBeGreaterThan(15);
    if (EXPECTED[action]) expect(text).toBe(EXPECTED[action]);
  });

  it("links the records that still exist, the evidence to its control", () => {
    const input = INPUTS["evidence.linked"];
    if (!input) throw new Error("fixture");
    const parts = describeActivity(stored(input), lookup);
    expect(parts.filter((part) => part.link)).toEqual([
      { text: "Q1 access review", link: { page: "control", id: "c3" } },
      { text: "AC-01", link: { page: "control", id: "c1" } },
    ]);
  });

  it("links a requirement within its engagement", () => {
    const input = INPUTS["requirement.applicable_again"];
    if (!input) throw new Error("fixture");
    const parts = describeActivity(stored(input), lookup);
    expect(parts.find((part) => part.text === "CC6.1")?.link).toEqual({
      page: "requirement",
      id: "cc61",
      engagementId: "g1",
    });
  });

  it("names a deleted record by its stored name, without a link", () => {
    expect(sentence("export.sent", lookNothingUp)).toBe("Dana Kowalski sent export pack.zip");
    expect(sentence("engagement.created", lookNothingUp)).toBe(
      "Dana Kowalski created engagement SOC 2 Type II 2026",
    );
    expect(sentence("control.updated", lookNothingUp)).toBe(
      "Dana Kowalski changed a deleted control status from draft to implemented",
    );
    const input = INPUTS["control.created"];
    if (!input) throw new Error("fixture");
    expect(describeActivity(stored(input), lookNothingUp).some((part) => part.link)).toBe(false);
  });

  it("reads an old control.updated row that stored every field on both sides", () => {
    const old: ActivityFacts = {
      action: "control.updated",
      entityType: "control",
      entityId: "c1",
      before: control,
      after: { ...control, frequency: "monthly", nature: "it_dependent_manual", key: false },
      actorName: "Dana Kowalski",
    };
    expect(sentenceText(describeActivity(old, lookup))).toBe(
      "Dana Kowalski changed AC-01 frequency from quarterly to monthly, nature from Manual to IT-dependent manual, key control from yes to no",
    );
    expect(sentenceText(describeActivity({ ...old, after: control }, lookup))).toBe(
      "Dana Kowalski saved AC-01 without changes",
    );
  });

  it("falls back to a plain sentence for an unknown action or an unreadable payload", () => {
    const unknown: ActivityFacts = {
      action: "control.teleported",
      entityType: "control",
      entityId: "c1",
      before: null,
      after: "not an object",
      actorName: null,
    };
    expect(sentenceText(describeActivity(unknown, lookup))).toBe(
      "System: control teleported (control)",
    );
    const garbled = {
      ...stored({
        action: "evidence.added",
        entityType: "evidence",
        entityId: "e1",
        after: {
          kind: "note",
          purpose: "design",
          title: "T",
          effectiveDate: "2026-01-01",
          coverageEnd: null,
          controlIds: [],
          eventId: null,
          fileId: null,
        },
      }),
      after: [1, 2],
    };
    expect(sentenceText(describeActivity(garbled, lookup))).toBe(
      'Dana Kowalski added evidence "" to no control',
    );
  });

  it("lists the records a sentence names, for the loader", () => {
    const input = INPUTS["control.bulk_updated"];
    if (!input) throw new Error("fixture");
    expect(activityReferences(stored(input))).toEqual([
      { kind: "user", id: "u1" },
      { kind: "user", id: "u2" },
      { kind: "control", id: "c1" },
    ]);
  });

  it("stores an edit's changes as the two sides of the changed fields", () => {
    expect(
      storedSides({
        action: "member.role_changed",
        entityType: "membership",
        entityId: "m1",
        changes: { role: { from: "editor", to: "admin" } },
        context: { userId: "u2" },
      }),
    ).toEqual({ before: { userId: "u2", role: "editor" }, after: { userId: "u2", role: "admin" } });
    expect(changedFields(control, { ...control, title: "New" })).toEqual({
      title: { from: "Access reviews", to: "New" },
    });
  });
});
