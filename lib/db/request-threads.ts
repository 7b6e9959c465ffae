import "server-only";
import {
  ANSWERING_ROLES,
  moveRequest,
  requestStateOf,
  type RequestMove,
} from "@/lib/domain/request-states";
import { AppError, notFound } from "@/lib/errors";
import type {
  AcceptRequestInput,
  ReplyToRequestInput,
  ScheduleRequestInput,
  SetRequestLinksInput,
} from "@/lib/schemas/request-thread";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";
import { engagementScope } from "./scope";

// Requests as conversations: both sides reply; the team answers (a reply that moves the request
// to answered), the auditor accepts or reopens (a reply saying why). Evidence comes with a
// team reply: new files are uploaded through the evidence upload route first (linked to the
// request's controls) and arrive here by id, like existing evidence. Every move carries the
// version the request was loaded at.

const STALE = "Someone changed this request since you opened it. Reload to see the change.";

type Loaded = { id: string; status: string; engagementId: string; version: number };

/** The request, if the context may see it: another organisation's or engagement's → NOT_FOUND. */
async function loadRequest(tx: Tx, ctx: OrgContext, requestId: string): Promise<Loaded> {
  const request = await tx.auditorRequest.findFirst({
    where: { id: requestId, organizationId: ctx.orgId },
    select: { id: true, status: true, engagementId: true, version: true },
  });
  const scope = engagementScope(ctx);
  if (!request || (scope !== null && !scope.includes(request.engagementId))) throw notFound();
  return request;
}

/** Compare-and-set on the version; a stale one is a CONFLICT. */
async function bump(
  tx: Tx,
  ctx: OrgContext,
  request: Loaded,
  version: number | undefined,
  data: Record<string, unknown>,
): Promise<void> {
  if (version !== undefined && version !== request.version) throw new AppError("CONFLICT", STALE);
  const { count } = await tx.auditorRequest.updateMany({
    where: { id: request.id, organizationId: ctx.orgId, version: request.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) throw new AppError("CONFLICT", STALE);
}

function move(request: Loaded, which: RequestMove): string {
  const moved = moveRequest(requestStateOf(request.status), which);
  if ("error" in moved) throw new AppError("CONFLICT", moved.error);
  return moved.to;
}

/** The controls a request is about: its control, its linked controls, its requirements' controls. */
export async function requestControlIds(ctx: OrgContext, requestId: string): Promise<string[]> {
  const request = await loadRequest(getDb(), ctx, requestId);
  const row = await getDb().auditorRequest.findUniqueOrThrow({
    where: { id: request.id },
    select: {
      controlId: true,
      requirementId: true,
      targets: { select: { kind: true, targetId: true } },
    },
  });
  const ids = new Set<string>(row.controlId ? [row.controlId] : []);
  const codes = new Set(row.targets.filter((t) => t.kind === "requirement").map((t) => t.targetId));
  for (const target of row.targets) if (target.kind === "control") ids.add(target.targetId);
  if (codes.size > 0 || row.requirementId) {
    const { requirements } = await engagementRequirements(ctx, request.engagementId);
    for (const requirement of requirements)
      if (codes.has(requirement.code) || requirement.id === row.requirementId)
        for (const control of requirement.controls) ids.add(control.id);
  }
  return [...ids];
}

/** Evidence of the organisation, given by id, that the request may carry. */
async function checkEvidence(tx: Tx, ctx: OrgContext, evidenceIds: string[]): Promise<void> {
  if (evidenceIds.length === 0) return;
  const found = await tx.evidence.count({
    where: { organizationId: ctx.orgId, id: { in: evidenceIds } },
  });
  if (found !== evidenceIds.length) throw notFound();
}

async function attach(tx: Tx, requestId: string, evidenceIds: string[], messageId: string) {
  const attached = new Set(
    (
      await tx.auditorRequestEvidence.findMany({
        where: { requestId, evidenceId: { in: evidenceIds } },
        select: { evidenceId: true },
      })
    ).map((link) => link.evidenceId),
  );
  const added = evidenceIds.filter((id) => !attached.has(id));
  if (added.length)
    await tx.auditorRequestEvidence.createMany({
      data: added.map((evidenceId) => ({ requestId, evidenceId, messageId })),
    });
}

/**
 * A reply in the thread. `answer` (team only) also answers the request; an auditor's reply on
 * an answered or accepted request with `reopen` sends it back to open.
 */
export async function replyToRequest(
  ctx: OrgContext,
  input: ReplyToRequestInput,
  now: Date = new Date(),
): Promise<{ messageId: string }> {
  const side = ctx.role === "auditor" ? "auditor" : "team";
  assertCan(ctx, side === "auditor" ? "request.create" : "request.resolve");
  if (side === "auditor" && (input.evidenceIds.length > 0 || input.intent === "answer"))
    throw new AppError("FORBIDDEN", "Only the team answers requests and attaches evidence.");
  if (side === "team" && input.intent === "reopen")
    throw new AppError("FORBIDDEN", "Only the auditor reopens a request.");
  const evidenceIds = [...new Set(input.evidenceIds)];
  return getDb().$transaction(async (tx) => {
    const request = await loadRequest(tx, ctx, input.requestId);
    await checkEvidence(tx, ctx, evidenceIds);
    const message = await tx.auditorRequestMessage.create({
      data: {
        organizationId: ctx.orgId,
        requestId: request.id,
        authorId: ctx.userId,
        side,
        body: input.body,
        createdAt: now,
      },
      select: { id: true },
    });
    await attach(tx, request.id, evidenceIds, message.id);
    if (input.intent === "answer") {
      const status = move(request, "answer");
      await bump(tx, ctx, request, input.version, {
        status,
        answer: input.body,
        answeredById: ctx.userId,
        answeredAt: now,
      });
      await recordActivity(
        tx,
        ctx,
        {
          action: "request.answered",
          entityType: "auditor_request",
          entityId: request.id,
          after: { answer: input.body, evidenceIds },
        },
        now,
      );
    } else if (input.intent === "reopen") {
      const status = move(request, "reopen");
      await bump(tx, ctx, request, input.version, { status });
      await recordActivity(
        tx,
        ctx,
        { action: "request.reopened", entityType: "auditor_request", entityId: request.id },
        now,
      );
    } else {
      await recordActivity(
        tx,
        ctx,
        {
          action: "request.replied",
          entityType: "auditor_request",
          entityId: request.id,
          after: { side, evidenceIds },
        },
        now,
      );
    }
    return { messageId: message.id };
  });
}

/** The auditor accepts the team's answer. */
export async function acceptRequest(
  ctx: OrgContext,
  input: AcceptRequestInput,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "request.create");
  await getDb().$transaction(async (tx) => {
    const request = await loadRequest(tx, ctx, input.requestId);
    const status = move(request, "accept");
    await bump(tx, ctx, request, input.version, { status, closedById: ctx.userId, closedAt: now });
    await recordActivity(
      tx,
      ctx,
      { action: "request.accepted", entityType: "auditor_request", entityId: request.id },
      now,
    );
  });
}

/** The team sets who answers and by when; the assignee must be a team member. */
export async function scheduleRequest(
  ctx: OrgContext,
  input: ScheduleRequestInput,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "request.resolve");
  await getDb().$transaction(async (tx) => {
    const request = await loadRequest(tx, ctx, input.requestId);
    const assigneeId = input.assigneeId ?? null;
    if (assigneeId) {
      const member = await tx.membership.findFirst({
        where: {
          organizationId: ctx.orgId,
          userId: assigneeId,
          role: { in: [...ANSWERING_ROLES] },
        },
        select: { id: true },
      });
      if (!member)
        throw new AppError("VALIDATION", "Choose a member of the team.", {
          assigneeId: ["Choose a member of the team."],
        });
    }
    const dueDate = input.dueDate ?? null;
    await bump(tx, ctx, request, input.version, { assigneeId, dueDate });
    await recordActivity(
      tx,
      ctx,
      {
        action: "request.scheduled",
        entityType: "auditor_request",
        entityId: request.id,
        after: { assigneeId, dueDate },
      },
      now,
    );
  });
}

/** Replaces the request's links to requirements (by code) and controls (by id), both sides. */
export async function setRequestLinks(
  ctx: OrgContext,
  input: SetRequestLinksInput,
  now: Date = new Date(),
): Promise<void> {
  if (ctx.role === "auditor") assertCan(ctx, "request.create");
  else assertCan(ctx, "request.resolve");
  const request = await loadRequest(getDb(), ctx, input.requestId);
  const { requirements } = await engagementRequirements(ctx, request.engagementId);
  const codes = new Set(requirements.map((requirement) => requirement.code));
  const requirementCodes = [...new Set(input.requirementCodes)];
  const unknown = requirementCodes.filter((code) => !codes.has(code));
  if (unknown.length)
    throw new AppError("VALIDATION", `${unknown.join(", ")} is not in this engagement.`, {
      requirementCodes: [`${unknown.join(", ")} is not in this engagement.`],
    });
  const controlIds = [...new Set(input.controlIds)];
  await getDb().$transaction(async (tx) => {
    const fresh = await loadRequest(tx, ctx, request.id);
    const found = await tx.control.count({
      where: { organizationId: ctx.orgId, id: { in: controlIds } },
    });
    if (found !== controlIds.length) throw notFound();
    const before = await tx.auditorRequestTarget.findMany({
      where: { requestId: fresh.id },
      select: { kind: true, targetId: true },
    });
    await tx.auditorRequestTarget.deleteMany({ where: { requestId: fresh.id } });
    await tx.auditorRequestTarget.createMany({
      data: [
        ...requirementCodes.map((targetId) => ({
          requestId: fresh.id,
          kind: "requirement",
          targetId,
        })),
        ...controlIds.map((targetId) => ({ requestId: fresh.id, kind: "control", targetId })),
      ],
    });
    await bump(tx, ctx, fresh, input.version, {});
    const side = (kind: string) =>
      before.filter((target) => target.kind === kind).map((target) => target.targetId);
    await recordActivity(
      tx,
      ctx,
      {
        action: "request.links_changed",
        entityType: "auditor_request",
        entityId: fresh.id,
        before: { requirementCodes: side("requirement"), controlIds: side("control") },
        after: { requirementCodes, controlIds },
      },
      now,
    );
  });
}
