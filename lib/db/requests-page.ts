import "server-only";
import { can } from "@/lib/domain/permissions";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";
import { listEngagements } from "./engagements";
import {
  assignableMembers,
  listRequests,
  type RequestFilter,
  type RequestView,
} from "./request-views";

// Everything the requests page shows, in one call: the filtered requests with their threads,
// and for the team the members to assign, the evidence each request may carry (what is linked
// to its controls, and what is attached to the description section it is about), the controls and each engagement's requirements to link; the engagements
// with an imported list to export.

export type EvidenceOption = { id: string; title: string; effectiveDate: string };

export type RequestsPage = {
  requests: (RequestView & { evidenceOptions: EvidenceOption[] })[];
  engagements: { id: string; name: string; hasList: boolean }[];
  members: { id: string; name: string }[];
  controls: { id: string; ref: string; title: string }[];
  /** The in-scope requirements (code and title) of each engagement a listed request is in. */
  requirements: Record<string, { code: string; title: string }[]>;
};

export async function loadRequestsPage(
  ctx: OrgContext,
  filter: RequestFilter,
  today: string,
): Promise<RequestsPage> {
  assertCan(ctx, "org.view");
  const db = getDb();
  const answering = can(ctx.role, "request.resolve");
  const [requests, engagements, members, imports] = await Promise.all([
    listRequests(ctx, filter, today),
    listEngagements(ctx),
    answering ? assignableMembers(ctx) : Promise.resolve([]),
    db.requestListImport.findMany({
      where: { organizationId: ctx.orgId },
      distinct: ["engagementId"],
      select: { engagementId: true },
    }),
  ]);
  const withList = new Set(imports.map((row) => row.engagementId));
  const controlIds = [...new Set(requests.flatMap((request) => request.controls.map((c) => c.id)))];
  const [evidence, controls] = answering
    ? await Promise.all([
        db.evidence.findMany({
          where: {
            organizationId: ctx.orgId,
            controls: { some: { controlId: { in: controlIds } } },
          },
          orderBy: [{ effectiveDate: "desc" }, { createdAt: "desc" }],
          take: 500,
          select: {
            id: true,
            title: true,
            effectiveDate: true,
            controls: { select: { controlId: true } },
          },
        }),
        db.control.findMany({
          where: { organizationId: ctx.orgId, status: { not: "retired" } },
          orderBy: { ref: "asc" },
          take: 1_000,
          select: { id: true, ref: true, title: true },
        }),
      ])
    : [[], []];
  const sectionIds = requests.flatMap((request) => (request.section ? [request.section.id] : []));
  const sectionEvidence =
    answering && sectionIds.length
      ? await db.descriptionSectionEvidence.findMany({
          where: { sectionId: { in: sectionIds }, section: { organizationId: ctx.orgId } },
          take: 500,
          select: {
            sectionId: true,
            evidence: { select: { id: true, title: true, effectiveDate: true } },
          },
        })
      : [];
  const requirements: RequestsPage["requirements"] = {};
  if (answering)
    for (const engagementId of new Set(requests.map((request) => request.engagementId)))
      requirements[engagementId] = (
        await engagementRequirements(ctx, engagementId)
      ).requirements.map(({ code, title }) => ({ code, title }));
  return {
    requests: requests.map((request) => {
      const mine = new Set(request.controls.map((control) => control.id));
      const ofSection = sectionEvidence
        .filter((link) => link.sectionId === request.section?.id)
        .map((link) => link.evidence);
      const ofControls = evidence
        .filter((item) => item.controls.some((link) => mine.has(link.controlId)))
        .filter((item) => !ofSection.some((other) => other.id === item.id))
        .map(({ id, title, effectiveDate }) => ({ id, title, effectiveDate }));
      return { ...request, evidenceOptions: [...ofSection, ...ofControls].slice(0, 100) };
    }),
    engagements: engagements.map((engagement) => ({
      id: engagement.id,
      name: engagement.name,
      hasList: withList.has(engagement.id),
    })),
    members,
    controls,
    requirements,
  };
}
