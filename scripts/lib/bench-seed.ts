import { CURRENT_CRITERIA_EDITION } from "../../lib/domain/catalog";
import type { ControlFrequency } from "../../lib/domain/controls";
import { addDays } from "../../lib/domain/readiness/calendar";
import { expectedSlots, type Period, type Slot } from "../../lib/domain/readiness/slots";

// The rows of one large organisation for the readiness benchmark, as plain tables that a bulk
// writer inserts with raw SQL (the app's data-access functions would take many minutes). Every
// value is a string, a number or null so that the same rows suit SQLite and PostgreSQL:
// timestamps are written the way Prisma's better-sqlite3 adapter writes them
// ("2026-01-01T00:00:00.000+00:00", which PostgreSQL also reads), booleans as 0/1.
// Deterministic: the same shape gives the same rows.

export type Cell = string | number | null;
export type Table = { name: string; columns: readonly string[]; rows: () => Iterable<Cell[]> };

export type BenchShape = {
  objectives: number;
  controls: number;
  evidence: number;
  eventsPerControl: number;
  openExceptions: number;
  period: Period;
};

export const DEFAULT_SHAPE: BenchShape = {
  objectives: 300,
  controls: 2_000,
  evidence: 200_000,
  eventsPerControl: 10,
  openExceptions: 50,
  period: { start: "2026-01-01", end: "2026-12-31" },
};

export type BenchOrg = {
  orgId: string;
  orgSlug: string;
  userId: string;
  engagementId: string;
  tables: Table[];
};

const NOW = "2026-01-01T00:00:00.000+00:00";
const DESIGN_PER_CONTROL = 2;

// Out of 20: 40% monthly, 20% quarterly, 15% weekly, 10% daily, 5% annual, continuous, event-driven.
const FREQUENCY_MIX: readonly [ControlFrequency, number][] = [
  ["monthly", 8],
  ["quarterly", 4],
  ["weekly", 3],
  ["daily", 2],
  ["annual", 1],
  ["continuous", 1],
  ["event_driven", 1],
];

/** A small, fast, seedable PRNG (mulberry32): reproducible data without a dependency. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** cuid-sized ids (25 characters), so keys and IN lists weigh what real ones do. */
const id = (prefix: string, n: number): string =>
  `${prefix}${n.toString(36).padStart(25 - prefix.length, "0")}`;
const pad = (n: number, width: number): string => String(n).padStart(width, "0");
const dayOffset = (start: string, end: string): number =>
  Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);

type PlannedControl = {
  index: number;
  id: string;
  frequency: ControlFrequency;
  status: string;
  ownerId: string | null;
  description: string;
  objectives: number[];
  /** Time slots, or one per population event for event-driven controls. */
  slots: Slot[];
  /** Some controls miss some occurrences; these slot indexes get no evidence. */
  gaps: Set<number>;
  operatingCount: number;
};

function planControls(shape: BenchShape, userId: string): PlannedControl[] {
  const next = random(3402);
  const cycle = FREQUENCY_MIX.flatMap(([frequency, weight]) =>
    Array<ControlFrequency>(weight).fill(frequency),
  );
  const controls = Array.from({ length: shape.controls }, (_, index): PlannedControl => {
    const frequency = cycle[index % cycle.length] ?? "monthly";
    const roll = next();
    // ~90% implemented, owned and described; the rest fall short in one way each.
    const status =
      roll < 0.94 ? "implemented" : roll < 0.97 ? "designed" : roll < 0.995 ? "draft" : "retired";
    const owned = roll < 0.9 || (roll >= 0.94 && roll < 0.97);
    const described = roll < 0.92 || roll >= 0.94;
    const first = index % shape.objectives;
    const second = (index * 7 + 13) % shape.objectives;
    const objectives = next() < 0.5 && second !== first ? [first, second] : [first];
    const slots =
      frequency === "event_driven"
        ? Array.from({ length: shape.eventsPerControl }, (_, k) => {
            const date = addDays(
              shape.period.start,
              Math.floor(
                ((k + next()) * (dayOffset(shape.period.start, shape.period.end) + 1)) /
                  shape.eventsPerControl,
              ),
            );
            return {
              key: id("cevt", index * shape.eventsPerControl + k),
              label: `EV-${pad(index, 4)}-${pad(k, 2)}`,
              start: date,
              end: date,
            };
          })
        : expectedSlots(frequency, shape.period);
    const gaps = new Set<number>();
    if (next() < 0.2) slots.forEach((_, slot) => (next() < 0.08 ? gaps.add(slot) : undefined));
    return {
      index,
      id: id("cctl", index),
      frequency,
      status,
      ownerId: owned ? userId : null,
      description: described ? `Control ${index} operates as documented.` : "",
      objectives,
      slots,
      gaps,
      operatingCount: 0,
    };
  });
  // Operating evidence in proportion to the number of occurrences: ~2 items per slot.
  const budget = shape.evidence - DESIGN_PER_CONTROL * controls.length;
  const weight = controls.reduce((sum, control) => sum + control.slots.length, 0);
  let given = 0;
  for (const control of controls) {
    control.operatingCount = Math.floor((budget * control.slots.length) / weight);
    given += control.operatingCount;
  }
  for (let k = 0; given < budget; k += 1, given += 1) {
    const control = controls[k % controls.length];
    if (control) control.operatingCount += 1;
  }
  return controls;
}

type PlannedEvidence = {
  id: string;
  purpose: string;
  effectiveDate: string;
  coverageEnd: string | null;
  eventId: string | null;
};

/** The evidence of one control, regenerated identically for the Evidence and EvidenceControl tables. */
function* evidenceOf(
  control: PlannedControl,
  shape: BenchShape,
  firstId: number,
): Generator<PlannedEvidence> {
  const next = random(control.index + 1);
  const fresh = next() < 0.95;
  yield {
    id: id("cevd", firstId),
    purpose: "design",
    effectiveDate: addDays("2025-02-01", Math.floor(next() * 150)),
    coverageEnd: null,
    eventId: null,
  };
  yield {
    id: id("cevd", firstId + 1),
    purpose: "design",
    effectiveDate: fresh ? addDays(shape.period.start, Math.floor(next() * 180)) : "2025-03-01",
    coverageEnd: null,
    eventId: null,
  };
  const slotCount = control.slots.length;
  for (let k = 0; k < control.operatingCount; k += 1) {
    const index = Math.floor((k * slotCount) / control.operatingCount);
    const slot = control.slots[index];
    if (!slot) continue;
    const evidenceId = id("cevd", firstId + DESIGN_PER_CONTROL + k);
    if (control.gaps.has(index)) {
      // A gap: the item exists but does not cover this occurrence (an event left unlinked, or
      // a second item in the period's first slot).
      const first = control.slots[0] ?? slot;
      yield {
        id: evidenceId,
        purpose: "operating",
        effectiveDate: control.frequency === "event_driven" ? slot.start : first.start,
        coverageEnd: null,
        eventId: null,
      };
      continue;
    }
    const length = dayOffset(slot.start, slot.end);
    const effectiveDate = addDays(slot.start, Math.floor(next() * (length + 1)));
    const coverageEnd = length > 0 && next() < 0.25 ? slot.end : null;
    yield {
      id: evidenceId,
      purpose: "operating",
      effectiveDate,
      coverageEnd,
      eventId: control.frequency === "event_driven" ? slot.key : null,
    };
  }
}

export function benchOrganization(shape: BenchShape = DEFAULT_SHAPE): BenchOrg {
  const orgId = id("corg", 1);
  const userId = id("cusr", 1);
  const engagementId = id("ceng", 1);
  const controls = planControls(shape, userId);
  const objectiveIds = Array.from({ length: shape.objectives }, (_, k) => id("cobj", k));
  const firstEvidence = new Map<string, number>();
  let evidenceCount = 0;
  for (const control of controls) {
    firstEvidence.set(control.id, evidenceCount);
    evidenceCount += DESIGN_PER_CONTROL + control.operatingCount;
  }
  function* allEvidence(): Generator<[PlannedControl, PlannedEvidence]> {
    for (const control of controls)
      for (const item of evidenceOf(control, shape, firstEvidence.get(control.id) ?? 0))
        yield [control, item];
  }
  const eventDriven = controls.filter((control) => control.frequency === "event_driven");
  const exceptionControls = controls
    .filter((control) => control.status !== "retired")
    .filter((_, k) => k % 29 === 5);

  const tables: Table[] = [
    {
      name: "User",
      columns: ["id", "email", "name", "passwordHash", "createdAt", "updatedAt"],
      rows: () => [[userId, "bench-owner@assay.local", "Bench Owner", "not-a-real-hash", NOW, NOW]],
    },
    {
      name: "Organization",
      columns: ["id", "name", "slug", "activitySeq", "freshnessDays", "createdAt", "updatedAt"],
      rows: () => [[orgId, "Bench Org", "bench-org", 0, 365, NOW, NOW]],
    },
    {
      name: "Membership",
      columns: ["id", "organizationId", "userId", "role", "createdAt", "updatedAt"],
      rows: () => [[id("cmem", 1), orgId, userId, "owner", NOW, NOW]],
    },
    {
      name: "ControlObjective",
      columns: [
        "id",
        "organizationId",
        "ref",
        "area",
        "title",
        "objective",
        "sortOrder",
        "retiredAt",
        "createdAt",
        "updatedAt",
      ],
      rows: () =>
        objectiveIds.map((objectiveId, k) => [
          objectiveId,
          orgId,
          `CO-${pad(k + 1, 3)}`,
          k % 3 === 0 ? "itgc" : "business",
          `Objective ${k + 1}`,
          `Controls provide reasonable assurance about area ${k + 1}.`,
          k,
          null,
          NOW,
          NOW,
        ]),
    },
    {
      name: "Engagement",
      columns: [
        "id",
        "organizationId",
        "name",
        "family",
        "type",
        "asOfDate",
        "periodStart",
        "periodEnd",
        "categories",
        "criteriaEdition",
        "cuecs",
        "userResponsibilities",
        "subservices",
        "archivedAt",
        "createdAt",
        "updatedAt",
      ],
      rows: () => [
        [
          engagementId,
          orgId,
          "ISAE 3402 Type II 2026",
          "ISAE3402",
          "TYPE_II",
          null,
          shape.period.start,
          shape.period.end,
          "[]",
          CURRENT_CRITERIA_EDITION,
          "[]",
          "[]",
          "[]",
          null,
          NOW,
          NOW,
        ],
      ],
    },
    {
      name: "EngagementObjective",
      columns: ["engagementId", "objectiveId"],
      rows: () => objectiveIds.map((objectiveId) => [engagementId, objectiveId]),
    },
    {
      name: "Control",
      columns: [
        "id",
        "organizationId",
        "ref",
        "title",
        "description",
        "ownerId",
        "status",
        "frequency",
        "nature",
        "key",
        "searchText",
        "createdAt",
        "updatedAt",
      ],
      rows: () =>
        controls.map((c) => {
          const ref = `CTL-${pad(c.index + 1, 4)}`;
          const title = `${c.frequency.replace("_", "-")} control ${c.index + 1}`;
          return [
            c.id,
            orgId,
            ref,
            title,
            c.description,
            c.ownerId,
            c.status,
            c.frequency,
            c.frequency === "continuous" ? "automated" : "manual",
            c.index % 4 === 0 ? 1 : 0,
            `${ref} ${title}`.toLowerCase(),
            NOW,
            NOW,
          ];
        }),
    },
    {
      name: "ControlMapping",
      columns: ["id", "organizationId", "controlId", "criterionId", "objectiveId", "createdAt"],
      rows: function* () {
        let n = 0;
        for (const control of controls)
          for (const objective of control.objectives)
            yield [id("cmap", n++), orgId, control.id, null, objectiveIds[objective] ?? null, NOW];
      },
    },
    {
      name: "PopulationEvent",
      columns: [
        "id",
        "organizationId",
        "controlId",
        "date",
        "reference",
        "description",
        "createdAt",
      ],
      rows: () =>
        eventDriven.flatMap((control) =>
          control.slots.map((slot) => [
            slot.key,
            orgId,
            control.id,
            slot.start,
            slot.label,
            `Occurrence ${slot.label}`,
            NOW,
          ]),
        ),
    },
    {
      name: "Evidence",
      columns: [
        "id",
        "organizationId",
        "kind",
        "purpose",
        "title",
        "note",
        "url",
        "fileId",
        "fileName",
        "contentType",
        "effectiveDate",
        "coverageEnd",
        "eventId",
        "uploadedById",
        "createdAt",
      ],
      rows: function* () {
        for (const [control, e] of allEvidence()) {
          const link = e.id.endsWith("3");
          yield [
            e.id,
            orgId,
            link ? "link" : "note",
            e.purpose,
            `${e.purpose} evidence for control ${control.index + 1}`,
            link ? null : "Reviewed and signed off.",
            link ? `https://tickets.example.com/${e.id}` : null,
            null,
            null,
            null,
            e.effectiveDate,
            e.coverageEnd,
            e.eventId,
            userId,
            NOW,
          ];
        }
      },
    },
    {
      name: "EvidenceControl",
      columns: ["evidenceId", "controlId", "organizationId"],
      rows: function* () {
        for (const [control, e] of allEvidence()) yield [e.id, control.id, orgId];
      },
    },
    {
      name: "ControlException",
      columns: [
        "id",
        "organizationId",
        "controlId",
        "date",
        "description",
        "severity",
        "status",
        "remediationNote",
        "remediatedAt",
        "createdAt",
      ],
      rows: () =>
        exceptionControls.slice(0, shape.openExceptions + 15).map((control, k) => {
          const open = k < shape.openExceptions;
          return [
            id("cexc", k),
            orgId,
            control.id,
            addDays(shape.period.start, (k * 5) % 250),
            `Deviation ${k + 1}`,
            ["low", "medium", "high"][k % 3] ?? "low",
            open ? "open" : "remediated",
            open ? null : "Fixed and re-performed.",
            open ? null : NOW,
            NOW,
          ];
        }),
    },
  ];
  return { orgId, orgSlug: "bench-org", userId, engagementId, tables };
}
