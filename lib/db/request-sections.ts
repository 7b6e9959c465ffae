import "server-only";
import { outlineSection } from "@/lib/domain/description/outline";
import { requestStateOf, type RequestState } from "@/lib/domain/request-states";
import { AppError, notFound } from "@/lib/errors";
import type { CreateSectionRequestInput } from "@/lib/schemas/description";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";
import { SHARED_SCOPE } from "./description";
import { getEngagement } from "./engagements";

// Requests about a section of the system description. The auditor asks from the section they
// read; the request's sectionId is the section row in effect for the request's engagement (its
// own version, else the shared one). When the team overrides a shared section, or goes back to
// it, the engagement's requests move with it (moveSectionRequests), so the editor always shows
// them. Threads, answers and acceptance are those of every request (request-threads.ts).

export const NOT_WRITTEN =
  "Nothing is written in this section yet. Ask once the team has written it, or leave the request on a requirement or control.";

type Row = { id: string; scopeKey: string; title: string };

/** The section row in effect for the engagement under `key`, or null when it was never saved. */
async function sectionInEffect(
  tx: Tx,
  ctx: OrgContext,
  engagementId: string,
  key: string,
): Promise<Row | null> {
  const rows = await tx.descriptionSection.findMany({
    where: { organizationId: ctx.orgId, scopeKey: { in: [SHARED_SCOPE, engagementId] }, key },
    select: { id: true, scopeKey: true, title: true },
  });
  return rows.find((row) => row.scopeKey === engagementId) ?? rows[0] ?? null;
}

/** The auditor's request on a section: their engagement only (another's → NOT_FOUND). */
export async function createSectionRequest(
  ctx: OrgContext,
  input: CreateSectionRequestInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  assertCan(ctx, "request.create");
  const engagement = await getEngagement(ctx, input.engagementId);
  if (!outlineSection(engagement.family, engagement.type, input.sectionKey)) throw notFound();
  return getDb().$transaction(async (tx) => {
    const section = await sectionInEffect(tx, ctx, engagement.id, input.sectionKey);
    if (!section) throw new AppError("VALIDATION", NOT_WRITTEN, { body: [NOT_WRITTEN] });
    const created = await tx.auditorRequest.create({
      data: {
        organizationId: ctx.orgId,
        engagementId: engagement.id,
        sectionId: section.id,
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
        after: {
          engagementId: engagement.id,
          target: `System description: ${section.title}`,
          body: input.body,
        },
      },
      now,
    );
    return created;
  });
}

export type SectionRequest = {
  id: string;
  externalId: string | null;
  body: string;
  state: RequestState;
  createdBy: string;
  createdAt: Date;
  assignee: string | null;
  dueDate: string | null;
};

/** The requests on the engagement's section under `key`, open first, oldest first. */
export async function sectionRequests(
  ctx: OrgContext,
  engagementId: string,
  key: string,
): Promise<SectionRequest[]> {
  assertCan(ctx, "org.view");
  const engagement = await getEngagement(ctx, engagementId);
  const db = getDb();
  const rows = await db.descriptionSection.findMany({
    where: { organizationId: ctx.orgId, scopeKey: { in: [SHARED_SCOPE, engagement.id] }, key },
    select: { id: true },
  });
  if (rows.length === 0) return [];
  const requests = await db.auditorRequest.findMany({
    where: {
      organizationId: ctx.orgId,
      engagementId: engagement.id,
      sectionId: { in: rows.map((row) => row.id) },
    },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true,
      externalId: true,
      body: true,
      status: true,
      createdAt: true,
      dueDate: true,
      createdBy: { select: { name: true } },
      assignee: { select: { name: true } },
    },
  });
  const order: Record<RequestState, number> = { open: 0, answered: 1, accepted: 2 };
  return requests
    .map((request) => ({
      id: request.id,
      externalId: request.externalId,
      body: request.body,
      state: requestStateOf(request.status),
      createdBy: request.createdBy.name,
      createdAt: request.createdAt,
      assignee: request.assignee?.name ?? null,
      dueDate: request.dueDate,
    }))
    .sort((a, b) => order[a.state] - order[b.state]);
}

/** The sections requests point at ({ id, key, title } by section id), for links to them. */
export async function sectionsByIds(
  ctx: OrgContext,
  ids: string[],
): Promise<Map<string, { id: string; key: string; title: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb().descriptionSection.findMany({
    where: { organizationId: ctx.orgId, id: { in: [...new Set(ids)] } },
    select: { id: true, key: true, title: true },
  });
  return new Map(rows.map((row) => [row.id, row]));
}

/** The engagement's requests on section `fromId` now point at `toId` (an override made or removed). */
export async function moveSectionRequests(
  tx: Tx,
  ctx: OrgContext,
  engagementId: string,
  fromId: string,
  toId: string,
): Promise<void> {
  await tx.auditorRequest.updateMany({
    where: { organizationId: ctx.orgId, engagementId, sectionId: fromId },
    data: { sectionId: toId },
  });
}
