import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { EngagementReadinessView } from "@/lib/db/readiness";
import { CONTROL_FREQUENCIES, CONTROL_STATUSES } from "@/lib/domain/controls";
import { REASON_CODES } from "@/lib/domain/readiness/reasons";
import { REQUIREMENT_STATUSES } from "@/lib/domain/requirement-status";
import { BEARER, errorResponses, ok, pageOf, PageQuery } from "./conventions";
import { EngagementParams } from "./engagements";

// An engagement's readiness as the dashboard computes it (lib/db/readiness.ts
// engagementReadiness, the one source of truth): the figures, the requirements with their
// status, and the in-scope controls with theirs.

const isoDay = z.string().meta({ format: "date" });

const StatusCounts = z
  .object({
    ready: z.number().int(),
    in_progress: z.number().int(),
    unmapped: z.number().int(),
    not_applicable: z.number().int(),
    total: z.number().int(),
    readinessPercent: z
      .number()
      .meta({ description: "ready ÷ (total − not_applicable) × 100; 100 when nothing counts." }),
  })
  .meta({ id: "RequirementStatusCounts" });

export const Readiness = z
  .object({
    engagementId: z.string(),
    today: isoDay.meta({ description: "Today in the organisation's time zone." }),
    designDate: isoDay,
    asOf: isoDay
      .nullable()
      .meta({ description: "Type II: min(today, periodEnd); null for Type I." }),
    freshnessDays: z.number().int(),
    requirements: StatusCounts,
    controls: z.object({
      ready: z.number().int(),
      notReady: z.number().int(),
      total: z.number().int(),
    }),
  })
  .meta({ id: "Readiness" });
export const ReadinessBody = z.object({ data: Readiness });

const MappedControl = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  status: z.enum(CONTROL_STATUSES),
});

export const Requirement = z
  .object({
    id: z.string(),
    kind: z.enum(["criterion", "objective"]),
    code: z.string(),
    title: z.string(),
    group: z.string(),
    status: z.enum(REQUIREMENT_STATUSES),
    reasons: z
      .array(z.string())
      .meta({ description: "One line per reason of each mapped control that is not ready." }),
    notApplicableJustification: z.string().nullable(),
    controls: z.array(MappedControl),
  })
  .meta({ id: "RequirementReadiness" });

export const RequirementListQuery = PageQuery.extend({
  status: z
    .enum(REQUIREMENT_STATUSES, { error: `Send one of ${REQUIREMENT_STATUSES.join(", ")}.` })
    .optional()
    .meta({ description: "Only requirements with this status." }),
});
export const RequirementPage = pageOf(Requirement);

const Reason = z.object({ code: z.enum(REASON_CODES), text: z.string() });

export const ControlReadiness = z
  .object({
    id: z.string(),
    ref: z.string(),
    title: z.string(),
    status: z.enum(CONTROL_STATUSES),
    frequency: z.enum(CONTROL_FREQUENCIES),
    ready: z
      .boolean()
      .meta({ description: "Design-ready for Type I; operating-ready to date for Type II." }),
    reasons: z.array(Reason),
    warnings: z.array(z.object({ code: z.string(), text: z.string() })),
    latestDesignEvidence: isoDay.nullable(),
    operating: z
      .object({
        due: z.number().int(),
        covered: z.number().int(),
        coverage: z.number().nullable().meta({ description: "covered ÷ due; null when none due." }),
        missing: z
          .array(z.string())
          .meta({ description: "Keys of the due occurrences not covered." }),
      })
      .nullable()
      .meta({ description: "Type II only." }),
  })
  .meta({ id: "ControlReadiness" });

export const ControlReadinessQuery = PageQuery.extend({
  ready: z
    .enum(["true", "false"], { error: "Send true or false." })
    .optional()
    .meta({ description: "Only ready (true) or not ready (false) controls." }),
});
export const ControlReadinessPage = pageOf(ControlReadiness);

/** The wire shape of the readiness figures. */
export function readinessOut(
  view: EngagementReadinessView,
  today: string,
): z.input<typeof Readiness> {
  const { readiness } = view;
  return {
    engagementId: view.engagement.id,
    today,
    designDate: readiness.designDate,
    asOf: readiness.asOf,
    freshnessDays: view.freshnessDays,
    requirements: readiness.counts,
    controls: readiness.controlCounts,
  };
}

export function requirementsOut(view: EngagementReadinessView): z.input<typeof Requirement>[] {
  return view.requirements.map((requirement) => ({
    id: requirement.id,
    kind: requirement.kind,
    code: requirement.code,
    title: requirement.title,
    group: requirement.group,
    status: requirement.status,
    reasons: requirement.reasons,
    notApplicableJustification: requirement.justification,
    controls: requirement.controls.map((control) => ({
      ...control,
      status: CONTROL_STATUSES.find((status) => status === control.status) ?? "draft",
    })),
  }));
}

/** The in-scope controls, with title and status from the requirements they are mapped to. */
export function controlsOut(view: EngagementReadinessView): z.input<typeof ControlReadiness>[] {
  const mapped = new Map(
    view.requirements.flatMap((requirement) =>
      requirement.controls.map((control) => [control.id, control] as const),
    ),
  );
  return view.readiness.controls.flatMap((control) => {
    const about = mapped.get(control.controlId);
    if (!control.inScope || !about) return [];
    return [
      {
        id: control.controlId,
        ref: control.ref,
        title: about.title,
        status: CONTROL_STATUSES.find((status) => status === about.status) ?? "draft",
        frequency: control.frequency,
        ready: control.ready,
        reasons: control.reasons.map(({ code, text }) => ({ code, text })),
        warnings: control.warnings.map(({ code, text }) => ({ code, text })),
        latestDesignEvidence: control.design.latestEvidence,
        operating: control.operating && {
          due: control.operating.due,
          covered: control.operating.covered,
          coverage: control.operating.coverage,
          missing: [...control.operating.missing],
        },
      },
    ];
  });
}

const security = [{ [BEARER]: [] }];
const tags = ["Readiness"];

export function register(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements/{engagementId}/readiness",
    tags,
    summary: "An engagement's readiness figures",
    description: "The figures of the engagement's dashboard, computed today.",
    security,
    request: { params: EngagementParams },
    responses: { 200: ok(ReadinessBody, "The figures."), ...errorResponses(404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements/{engagementId}/requirements",
    tags,
    summary: "Requirements with their status",
    description:
      "The engagement's criteria or objectives in catalogue order, with status and reasons.",
    security,
    request: { params: EngagementParams, query: RequirementListQuery },
    responses: { 200: ok(RequirementPage, "A page of requirements."), ...errorResponses(400, 404) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/engagements/{engagementId}/controls",
    tags,
    summary: "Controls with their readiness",
    description: "The controls mapped to the engagement's requirements, by ref, with reasons.",
    security,
    request: { params: EngagementParams, query: ControlReadinessQuery },
    responses: {
      200: ok(ControlReadinessPage, "A page of controls."),
      ...errorResponses(400, 404),
    },
  });
}
