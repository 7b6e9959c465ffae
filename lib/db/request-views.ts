import "server-only";
import {
  ANSWERING_ROLES,
  matchesDue,
  requestStateOf,
  type DueFilter,
  type RequestState,
} from "@/lib/domain/request-states";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { sectionsByIds } from "./request-sections";
import { engagementScope } from "./scope";

// What the requests page and the navigation read: requests with their threads, filtered by
// state, assignee, due date and engagement, and the count of what waits for the reader
// (team: assigned to me and open; auditor: answered, waiting for acceptance).

export type RequestFilter = {
  state?: RequestState;
  assigneeId?: string;
  due?: DueFilter;
  engagementId?: string;
};

/** Evidence attached to a request or a reply: when it was recorded in Assay and by whom. */
export type RequestEvidenceView = {
  id: string;
  title: string;
  recordedAt: Date;
  recordedBy: string;
};

export type RequestMessageView = {
  id: string;
  side: "team" | "auditor";
  author: string;
  body: string;
  createdAt: Date;
  evidence: RequestEvidenceView[];
};

export type RequestView = {
  id: string;
  version: number;
  engagementId: string;
  engagementName: string;
  externalId: string | null;
  body: string;
  state: RequestState;
  dueDate: string | null;
  assignee: { id: string; name: string } | null;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: Date | null;
  createdBy: string;
  createdAt: Date;
  requirementCodes: string[];
  controls: { id: string; ref: string }[];
  /** The controls linked by hand or on import (the rest of `controls` follows from the target). */
  linkedControlIds: string[];
  /** The description section the request is about (its key links to it), if any. */
  section: { id: string; key: string; title: string } | null;
  messages: RequestMessageView[];
  /** Evidence attached without a reply (before threads). */
  evidence: RequestEvidenceView[];
};

function scopedWhere(ctx: OrgContext, engagementId?: string) {
  const scope = engagementScope(ctx);
  const wanted = engagementId ? [engagementId] : null;
  const ids = scope === null ? wanted : (wanted ?? [...scope]).filter((id) => scope.includes(id));
  return { organizationId: ctx.orgId, ...(ids === null ? {} : { engagementId: { in: ids } }) };
}

const MAX_LISTED = 500;

/** Requests the context may see, filtered; `today` (YYYY-MM-DD) for the due filters. */
export async function listRequests(
  ctx: OrgContext,
  filter: RequestFilter,
  today: string,
): Promise<RequestView[]> {
  assertCan(ctx, "org.view");
  const db = getDb();
  const rows = await db.auditorRequest.findMany({
    where: {
      ...scopedWhere(ctx, filter.engagementId),
      ...(filter.state
        ? { status: filter.state === "answered" ? { in: ["answered", "closed"] } : filter.state }
        : {}),
      ...(filter.assigneeId ? { assigneeId: filter.assigneeId } : {}),
    },
    orderBy: [{ dueDate: "asc" }, { importRowNumber: "asc" }, { createdAt: "desc" }],
    take: MAX_LISTED,
    select: {
      id: true,
      version: true,
      engagementId: true,
      externalId: true,
      body: true,
      status: true,
      dueDate: true,
      answer: true,
      answeredAt: true,
      answeredById: true,
      controlId: true,
      requirementId: true,
      sectionId: true,
      createdAt: true,
      engagement: { select: { name: true } },
      createdBy: { select: { name: true } },
      assignee: { select: { id: true, name: true } },
      targets: { select: { kind: true, targetId: true } },
      evidence: {
        select: {
          messageId: true,
          evidence: {
            select: {
              id: true,
              title: true,
              createdAt: true,
              uploadedBy: { select: { name: true } },
            },
          },
        },
      },
      messages: {
        orderBy: { createdAt: "asc" },
        take: 200,
        select: {
          id: true,
          side: true,
          body: true,
          createdAt: true,
          author: { select: { name: true } },
        },
      },
    },
  });
  const visible = filter.due
    ? rows.filter((row) =>
        matchesDue(row.dueDate, requestStateOf(row.status), filter.due as DueFilter, today),
      )
    : rows;
  const controlIds = new Set<string>();
  const userIds = new Set<string>();
  // A request left on a requirement (before imports) is about that requirement's controls.
  const requirementIds = [
    ...new Set(visible.flatMap((row) => (row.requirementId ? [row.requirementId] : []))),
  ];
  const mappings = requirementIds.length
    ? await db.controlMapping.findMany({
        where: {
          organizationId: ctx.orgId,
          OR: [{ criterionId: { in: requirementIds } }, { objectiveId: { in: requirementIds } }],
        },
        take: 5_000,
        select: { controlId: true, criterionId: true, objectiveId: true },
      })
    : [];
  const controlsOfRequirement = new Map<string, string[]>();
  for (const mapping of mappings) {
    const requirementId = mapping.criterionId ?? mapping.objectiveId;
    if (!requirementId) continue;
    controlsOfRequirement.set(requirementId, [
      ...(controlsOfRequirement.get(requirementId) ?? []),
      mapping.controlId,
    ]);
    controlIds.add(mapping.controlId);
  }
  for (const row of visible) {
    if (row.controlId) controlIds.add(row.controlId);
    for (const target of row.targets)
      if (target.kind === "control") controlIds.add(target.targetId);
    if (row.answeredById) userIds.add(row.answeredById);
  }
  const [controls, users, sections] = await Promise.all([
    db.control.findMany({
      where: { organizationId: ctx.orgId, id: { in: [...controlIds] } },
      select: { id: true, ref: true },
    }),
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
    sectionsByIds(
      ctx,
      visible.flatMap((row) => (row.sectionId ? [row.sectionId] : [])),
    ),
  ]);
  const refOf = new Map(controls.map((control) => [control.id, control.ref]));
  const nameOf = new Map(users.map((user) => [user.id, user.name]));
  return visible.map((row) => {
    const linked = [
      ...new Set([
        ...(row.controlId ? [row.controlId] : []),
        ...(row.requirementId ? (controlsOfRequirement.get(row.requirementId) ?? []) : []),
        ...row.targets.filter((t) => t.kind === "control").map((t) => t.targetId),
      ]),
    ];
    return {
      id: row.id,
      version: row.version,
      engagementId: row.engagementId,
      engagementName: row.engagement.name,
      externalId: row.externalId,
      body: row.body,
      state: requestStateOf(row.status),
      dueDate: row.dueDate,
      assignee: row.assignee,
      answer: row.answer,
      answeredBy: row.answeredById ? (nameOf.get(row.answeredById) ?? null) : null,
      answeredAt: row.answeredAt,
      createdBy: row.createdBy.name,
      createdAt: row.createdAt,
      requirementCodes: row.targets.filter((t) => t.kind === "requirement").map((t) => t.targetId),
      controls: linked.flatMap((id) => {
        const ref = refOf.get(id);
        return ref ? [{ id, ref }] : [];
      }),
      linkedControlIds: row.targets.filter((t) => t.kind === "control").map((t) => t.targetId),
      section: row.sectionId ? (sections.get(row.sectionId) ?? null) : null,
      messages: row.messages.map((message) => ({
        id: message.id,
        side: message.side === "auditor" ? "auditor" : "team",
        author: message.author.name,
        body: message.body,
        createdAt: message.createdAt,
        evidence: row.evidence
          .filter((link) => link.messageId === message.id)
          .map((link) => evidenceView(link.evidence)),
      })),
      evidence: row.evidence
        .filter((link) => link.messageId === null)
        .map((link) => evidenceView(link.evidence)),
    };
  });
}

/** How many requests wait for the reader: the navigation's badge. */
export async function requestsWaitingCount(ctx: OrgContext): Promise<number> {
  if (ctx.role === "auditor")
    return getDb().auditorRequest.count({
      where: { ...scopedWhere(ctx), status: { in: ["answered", "closed"] } },
    });
  return getDb().auditorRequest.count({
    where: { organizationId: ctx.orgId, assigneeId: ctx.userId, status: "open" },
  });
}

/** Team members a request can be assigned to. */
export async function assignableMembers(ctx: OrgContext): Promise<{ id: string; name: string }[]> {
  assertCan(ctx, "request.resolve");
  const members = await getDb().membership.findMany({
    where: { organizationId: ctx.orgId, role: { in: [...ANSWERING_ROLES] } },
    orderBy: { user: { name: "asc" } },
    take: 500,
    select: { user: { select: { id: true, name: true } } },
  });
  return members.map((member) => member.user);
}

function evidenceView(evidence: {
  id: string;
  title: string;
  createdAt: Date;
  uploadedBy: { name: string };
}): RequestEvidenceView {
  return {
    id: evidence.id,
    title: evidence.title,
    recordedAt: evidence.createdAt,
    recordedBy: evidence.uploadedBy.name,
  };
}
