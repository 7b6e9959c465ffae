import "server-only";
import { CRITERIA_EDITIONS } from "@/lib/domain/catalog";
import { moveRequest, requestStateOf, type RequestState } from "@/lib/domain/request-states";
import { AppError, notFound } from "@/lib/errors";
import type { CloseAuditorRequestInput, CreateAuditorRequestInput } from "@/lib/schemas/auditor";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";
import { engagementScope } from "./scope";

// Auditor requests: "please provide the Q2 access review", left on a requirement or a control
// of an engagement. The team answers them (with evidence), the auditor reopens them; threads,
// acceptance, assignees and due dates are in request-threads.ts and request-views.ts.

export type RequestStatus = RequestState;

/** Where a request points, resolved against the engagement's own scope. */
async function resolveTarget(
  ctx: OrgContext,
  input: CreateAuditorRequestInput,
): Promise<{ label: string; controlIds: string[] }> {
  const { requirements } = await engagementRequirements(ctx, input.engagementId);
  if (input.requirementId) {
    const requirement = requirements.find((candidate) => candidate.id === input.requirementId);
    if (!requirement) throw notFound();
    return {
      label: `${requirement.code} ${requirement.title}`,
      controlIds: requirement.controls.map((control) => control.id),
    };
  }
  for (const requirement of requirements) {
    const control = requirement.controls.find((candidate) => candidate.id === input.controlId);
    if (control) return { label: `${control.ref} ${control.title}`, controlIds: [control.id] };
  }
  throw notFound();
}

export async function createAuditorRequest(
  ctx: OrgContext,
  input: CreateAuditorRequestInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  assertCan(ctx, "request.create");
  const target = await resolveTarget(ctx, input);
  return getDb().$transaction(async (tx) => {
    const created = await tx.auditorRequest.create({
      data: {
        organizationId: ctx.orgId,
        engagementId: input.engagementId,
        requirementId: input.requirementId ?? null,
        controlId: input.controlId ?? null,
        body: input.body,
        status: "open",
        createdById: ctx.userId,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordActivity(
      tx,
      ctx,
      {
        action: "request.created",
        entityType: "auditor_request",
        entityId: created.id,
        after: { engagementId: input.engagementId, target: target.label, body: input.body },
      },
      now,
    );
    return created;
  });
}

export type RequestRow = {
  id: string;
  engagementId: string;
  engagementName: string;
  target: { kind: "requirement" | "control"; id: string; label: string };
  body: string;
  status: RequestStatus;
  answer: string | null;
  createdBy: string;
  createdAt: Date;
  closedBy: string | null;
  closedAt: Date | null;
  evidence: { id: string; title: string }[];
};

/** Requests on the engagements the context may see, open first, newest first. */
export async function listAuditorRequests(
  ctx: OrgContext,
  filter: { status?: RequestStatus; engagementId?: string } = {},
): Promise<RequestRow[]> {
  assertCan(ctx, "org.view");
  const scope = engagementScope(ctx);
  const db = getDb();
  const rows = await db.auditorRequest.findMany({
    where: {
      organizationId: ctx.orgId,
      ...(filter.status
        ? { status: filter.status === "answered" ? { in: ["answered", "closed"] } : filter.status }
        : {}),
      ...(filter.engagementId ? { engagementId: filter.engagementId } : {}),
      ...(scope === null
        ? {}
        : {
            engagementId: {
              in: filter.engagementId
                ? [filter.engagementId].filter((id) => scope.includes(id))
                : [...scope],
            },
          }),
    },
    orderBy: [{ status: "desc" }, { createdAt: "desc" }],
    take: 500,
    select: {
      id: true,
      engagementId: true,
      requirementId: true,
      controlId: true,
      body: true,
      status: true,
      answer: true,
      createdAt: true,
      closedAt: true,
      engagement: { select: { name: true } },
      createdBy: { select: { name: true } },
      closedBy: { select: { name: true } },
      evidence: { select: { evidence: { select: { id: true, title: true } } } },
    },
  });
  const [controls, objectives] = await Promise.all([
    db.control.findMany({
      where: {
        organizationId: ctx.orgId,
        id: { in: [...new Set(rows.flatMap((row) => (row.controlId ? [row.controlId] : [])))] },
      },
      select: { id: true, ref: true, title: true },
    }),
    db.controlObjective.findMany({
      where: {
        organizationId: ctx.orgId,
        id: {
          in: [...new Set(rows.flatMap((row) => (row.requirementId ? [row.requirementId] : [])))],
        },
      },
      select: { id: true, ref: true, title: true },
    }),
  ]);
  const controlLabel = new Map(
    controls.map((control) => [control.id, `${control.ref} ${control.title}`]),
  );
  const objectiveLabel = new Map(
    objectives.map((objective) => [objective.id, `${objective.ref} ${objective.title}`]),
  );
  return rows.map((row) => ({
    id: row.id,
    engagementId: row.engagementId,
    engagementName: row.engagement.name,
    target: row.controlId
      ? {
          kind: "control",
          id: row.controlId,
          label: controlLabel.get(row.controlId) ?? "(deleted control)",
        }
      : {
          kind: "requirement",
          id: row.requirementId ?? "",
          label:
            objectiveLabel.get(row.requirementId ?? "") ?? criterionLabel(row.requirementId ?? ""),
        },
    body: row.body,
    status: requestStateOf(row.status),
    answer: row.answer,
    createdBy: row.createdBy.name,
    createdAt: row.createdAt,
    closedBy: row.closedBy?.name ?? null,
    closedAt: row.closedAt,
    evidence: row.evidence.map((link) => link.evidence),
  }));
}

/** Criterion ids are "<edition>:<code>": "CC6.2 User registration and credential removal". */
function criterionLabel(requirementId: string): string {
  const [edition = "", code = requirementId] = requirementId.split(":");
  const criterion = CRITERIA_EDITIONS[edition]?.criteria.find(
    (candidate) => candidate.code === code,
  );
  return criterion ? `${criterion.code} ${criterion.title}` : code;
}

/** The team answers a request without a thread reply, optionally attaching evidence. */
export async function closeAuditorRequest(
  ctx: OrgContext,
  input: CloseAuditorRequestInput,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "request.resolve");
  const evidenceIds = [...new Set(input.evidenceIds)];
  await getDb().$transaction(async (tx) => {
    const request = await tx.auditorRequest.findFirst({
      where: { id: input.requestId, organizationId: ctx.orgId },
      select: { id: true, status: true },
    });
    if (!request) throw notFound();
    if (requestStateOf(request.status) !== "open")
      throw new AppError("CONFLICT", "This request is already answered.");
    if (evidenceIds.length) {
      const found = await tx.evidence.count({
        where: { organizationId: ctx.orgId, id: { in: evidenceIds } },
      });
      if (found !== evidenceIds.length) throw notFound();
      // A reopened request keeps its earlier evidence; attach only what is new.
      const attached = new Set(
        (
          await tx.auditorRequestEvidence.findMany({
            where: { requestId: request.id },
            select: { evidenceId: true },
          })
        ).map((link) => link.evidenceId),
      );
      const added = evidenceIds.filter((evidenceId) => !attached.has(evidenceId));
      if (added.length)
        await tx.auditorRequestEvidence.createMany({
          data: added.map((evidenceId) => ({ requestId: request.id, evidenceId })),
        });
    }
    await tx.auditorRequest.update({
      where: { id: request.id },
      data: {
        status: "answered",
        answer: input.answer || null,
        answeredById: ctx.userId,
        answeredAt: now,
        closedById: ctx.userId,
        closedAt: now,
        version: { increment: 1 },
      },
    });
    await recordActivity(
      tx,
      ctx,
      {
        action: "request.closed",
        entityType: "auditor_request",
        entityId: request.id,
        after: { answer: input.answer || null, evidenceIds },
      },
      now,
    );
  });
}

/** The auditor (who asked) may reopen an answered or accepted request. */
export async function reopenAuditorRequest(
  ctx: OrgContext,
  requestId: string,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "request.create");
  const scope = engagementScope(ctx);
  await getDb().$transaction(async (tx) => {
    const request = await tx.auditorRequest.findFirst({
      where: { id: requestId, organizationId: ctx.orgId },
      select: { id: true, status: true, engagementId: true },
    });
    if (!request || (scope !== null && !scope.includes(request.engagementId))) throw notFound();
    if ("error" in moveRequest(requestStateOf(request.status), "reopen")) return;
    await tx.auditorRequest.update({
      where: { id: request.id },
      data: { status: "open", closedById: null, closedAt: null, version: { increment: 1 } },
    });
    await recordActivity(
      tx,
      ctx,
      { action: "request.reopened", entityType: "auditor_request", entityId: request.id },
      now,
    );
  });
}

/** Evidence the team may attach when answering: what is linked to the request's controls. */
export async function answerableEvidence(
  ctx: OrgContext,
  request: RequestRow,
): Promise<{ id: string; title: string; effectiveDate: string }[]> {
  assertCan(ctx, "request.resolve");
  const input: CreateAuditorRequestInput =
    request.target.kind === "control"
      ? { engagementId: request.engagementId, controlId: request.target.id, body: request.body }
      : {
          engagementId: request.engagementId,
          requirementId: request.target.id,
          body: request.body,
        };
  const { controlIds } = await resolveTarget(ctx, input).catch(() => ({
    controlIds: [] as string[],
  }));
  if (controlIds.length === 0) return [];
  return getDb().evidence.findMany({
    where: { organizationId: ctx.orgId, controls: { some: { controlId: { in: controlIds } } } },
    orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }],
    take: 100,
    select: { id: true, title: true, effectiveDate: true },
  });
}

/** The auditor's engagements a control serves: where a request about it can be filed. */
export async function engagementsServingControl(
  ctx: OrgContext,
  controlId: string,
): Promise<{ id: string; name: string }[]> {
  assertCan(ctx, "request.create");
  const scope = engagementScope(ctx) ?? [];
  const serving: { id: string; name: string }[] = [];
  for (const engagementId of scope) {
    const { engagement, requirements } = await engagementRequirements(ctx, engagementId);
    if (
      requirements.some((requirement) =>
        requirement.controls.some((control) => control.id === controlId),
      )
    )
      serving.push({ id: engagement.id, name: engagement.name });
  }
  return serving;
}
