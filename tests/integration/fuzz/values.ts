import fc from "fast-check";
import { controlCsvTemplate } from "@/lib/domain/control-csv";
import { isoDateOf } from "@/lib/domain/dates";
import { TEST_PASSWORD } from "../helpers";
import type { FieldSpec, Fields } from "./schema-fields";
import { ENTITIES, type Entity, type World } from "./world";

// Forms for one endpoint: every field first gets a value a real form would send (the caller's
// own records, sensible dates and options), then a few fields are spoilt the way a crafted
// request spoils them: left out, empty, at and over the limit, NUL and control characters, odd
// unicode, numbers, lists where one value is expected, org B's ids, made-up ids, prototype keys,
// deep JSON, malformed dates. So most cases get past validation and reach the data layer.

export type Scalar = string | Blob;
export type FieldValue = Scalar | Scalar[];

const repeat = (text: string, times: number): string => text.repeat(Math.max(0, times));
const deepJson = (depth: number): string => repeat("[", depth) + repeat("]", depth);
const deepObject = (depth: number): string => repeat('{"a":', depth) + "1" + repeat("}", depth);

/** Strings no form sends, good for any text field. */
const HOSTILE: readonly string[] = [
  "",
  " ",
  "\t\r\n",
  "\u0000",
  "Access\u0000review",
  "\u0001\u0002\u0003\u001b[31m\u007f\u0085",
  "\u2028\u2029\ufeff\u200b",
  "\ud800",
  "\u202etxt.exe",
  "e\u0301\u0301\u0301\u0301\u0301",
  "😀🏳️‍🌈𝕏",
  "0",
  "-1",
  "1e309",
  "NaN",
  "12345678901234567890",
  "null",
  "undefined",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "toString",
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  deepJson(5000),
  deepObject(2000),
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "%00",
  "' OR '1'='1' --",
  '"; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  `${repeat("> ", 300)}x`,
  `${repeat("- ", 300)}x`,
  repeat("[", 3000),
  repeat("*", 3000),
  repeat("x", 100_000),
];

const MALFORMED_DATES = [
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "99999-12-31",
  "2026-1-1",
  "2026-03-31T25:00:00Z",
  "31/03/2026",
  "2026-03-31\u0000",
  "-2026-03-31",
  "tomorrow",
];

export const hostile = (): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE), weight: 4 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 30 }), weight: 1 },
  );

const DAY_MS = 86_400_000;
const DATES: Record<string, string> = {
  periodStart: "2026-01-01",
  periodEnd: "2026-12-31",
  asOfDate: "2026-06-30",
  coverageEnd: "2026-06-30",
  lastDay: isoDateOf(new Date(Date.now() + 30 * DAY_MS)),
};

/** Which of the seeded kinds of record a field names, if any (controlIds → control). */
function entityOf(name: string): Entity | "criterion" | null {
  const stem = name.replace(/Ids?$/, "").toLowerCase();
  if (stem === "requirement" || stem === "criterion") return "criterion";
  if (stem === "owner" || stem === "user") return "user";
  if (stem === "sha" || stem === "sha256") return "sha256";
  if (stem === "run" || stem === "export") return "run";
  return (ENTITIES as readonly string[]).includes(stem) ? (stem as Entity) : null;
}

const isDate = (name: string): boolean => /date|day$|periodstart|periodend|coverageend/i.test(name);
const MADE_UP_ID = "clzzzzzzzzzzzzzzzzzzzzzzz";
const MADE_UP_IDS = [
  MADE_UP_ID,
  "00000000-0000-0000-0000-000000000000",
  "1",
  repeat("a", 64),
  repeat("a", 65),
];
const pick = (values: readonly string[], fallback: string): fc.Arbitrary<string> =>
  values.length ? fc.constantFrom(...values) : fc.constant(fallback);

/** What a real form sends for the field. */
function valid(name: string, spec: FieldSpec, world: World): fc.Arbitrary<string> {
  if (spec.options?.length) return fc.constantFrom(...spec.options);
  if (spec.kind === "boolean") return fc.constantFrom("on", "");
  if (spec.kind === "number") return fc.constant(name === "version" ? "0" : "1");
  if (/Versions$/.test(name)) return pick(world.a.ids.control, MADE_UP_ID).map((id) => `${id}:0`);
  const entity = entityOf(name);
  if (entity === "criterion")
    return fc.constantFrom(...world.criterionIds, ...world.a.ids.objective);
  if (entity) return pick(world.a.ids[entity], MADE_UP_ID);
  if (name === "orgSlug") return fc.constant(world.a.slug);
  if (/email/i.test(name))
    return fc.constantFrom("new-member@example.test", "someone.else@example.test");
  if (/password/i.test(name)) return fc.constant(TEST_PASSWORD);
  if (isDate(name)) return fc.constant(DATES[name] ?? "2026-03-31");
  if (/url|link/i.test(name)) return fc.constant("https://example.com/review.pdf");
  if (name === "csv")
    return fc.constantFrom(
      controlCsvTemplate(world.a.owner.email, null),
      "date,reference,description\n2026-02-01,EV-100,Joiner\n2026-02-02,EV-101,Leaver",
    );
  if (name === "token") return pick(world.tokens, repeat("A", 32));
  if (name === "code") return fc.constantFrom("123456", "abcd-efgh-ijkl");
  if (name === "ref") return fc.constantFrom("FUZZ-1", "FUZZ-2");
  return fc.constantFrom(
    "Reviewed every account in the production database.",
    "Quarterly access review",
  );
}

function validJson(spec: FieldSpec, world: World): fc.Arbitrary<string> {
  const entry = fc.record(
    Object.fromEntries(
      Object.entries(spec.fields ?? {}).map(([name, field]) => [
        name,
        field.kind === "list"
          ? fc.array(valid(name, field.item ?? { kind: "text" }, world), { maxLength: 2 })
          : valid(name, field, world),
      ]),
    ),
  );
  return fc.array(entry, { minLength: 1, maxLength: 2 }).map((entries) => JSON.stringify(entries));
}

/** What a real form sends: lists of one or two entries, JSON texts that parse. */
function validValue(name: string, spec: FieldSpec, world: World): fc.Arbitrary<FieldValue> {
  if (spec.kind === "json") return validJson(spec, world);
  if (spec.kind === "list")
    return fc.array(valid(name, spec.item ?? { kind: "text" }, world), {
      minLength: 1,
      maxLength: 2,
    });
  return valid(name, spec, world);
}

/** At the limit, one over it, and over it in UTF-8 bytes only. */
function atLimits(maxLength: number | undefined): fc.Arbitrary<string> {
  if (!maxLength || maxLength > 3_000_000) return fc.constant(repeat("x", 100_000));
  return fc.constantFrom(
    repeat("x", maxLength),
    repeat("x", maxLength + 1),
    repeat("é", maxLength),
  );
}

function otherIds(world: World, entity: Entity | "criterion"): string[] {
  if (entity === "criterion") return [...world.b.ids.objective, ...MADE_UP_IDS];
  return [
    ...world.b.ids[entity],
    ...world.b.ids[entity],
    ...Object.values(world.a.ids).flat().slice(0, 20),
    ...MADE_UP_IDS,
  ];
}

export const MISSING = Symbol("missing");

/** A spoilt value for the field, or MISSING. */
function mutant(
  name: string,
  spec: FieldSpec,
  world: World,
): fc.Arbitrary<FieldValue | typeof MISSING> {
  const entity = entityOf(name);
  const choices: { arbitrary: fc.Arbitrary<FieldValue | typeof MISSING>; weight: number }[] = [
    { arbitrary: fc.constant(MISSING), weight: 2 },
    { arbitrary: hostile(), weight: 4 },
    { arbitrary: atLimits(spec.maxLength), weight: 1 },
    {
      arbitrary: fc.constant(
        new File(["%PDF-1.4 not really"], "file.pdf", { type: "application/pdf" }),
      ),
      weight: 1,
    },
    { arbitrary: fc.array(valid(name, spec, world), { minLength: 2, maxLength: 3 }), weight: 1 },
  ];
  if (entity) choices.push({ arbitrary: fc.constantFrom(...otherIds(world, entity)), weight: 5 });
  if (name === "orgSlug")
    choices.push({ arbitrary: fc.constantFrom(world.b.slug, world.outsiderSlug), weight: 5 });
  if (isDate(name)) choices.push({ arbitrary: fc.constantFrom(...MALFORMED_DATES), weight: 4 });
  if (spec.options?.length)
    choices.push({
      arbitrary: fc.constantFrom(
        ...spec.options.map((option) => option.toUpperCase()),
        "keep",
        "owner",
        "auditor",
      ),
      weight: 2,
    });
  if (spec.kind === "list") {
    const item = spec.item ?? { kind: "text" };
    choices.push(
      {
        arbitrary: fc.constant(Array.from({ length: 600 }, (_, index) => `made-up-${index}`)),
        weight: 1,
      },
      {
        arbitrary: fc.array(
          mutant(name, item, world).filter((value) => typeof value === "string"),
          { minLength: 1, maxLength: 3 },
        ) as fc.Arbitrary<string[]>,
        weight: 3,
      },
    );
  }
  if (spec.kind === "json") {
    choices.push(
      {
        arbitrary: fc.constantFrom(
          "[]",
          "{}",
          "1",
          '"text"',
          "[null]",
          "[{",
          deepJson(5000),
          deepObject(2000),
          '[{"__proto__":{"polluted":true}}]',
        ),
        weight: 4,
      },
      { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)), weight: 2 },
    );
  }
  return fc.oneof(...choices);
}

const EXTRA_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "hasOwnProperty",
  "$ACTION_ID_fuzz",
  "orgSlug",
];

/** A whole form: every field valid but none, one or a few spoilt, sometimes with keys no form has. */
export function formFields(fields: Fields, world: World): fc.Arbitrary<[string, FieldValue][]> {
  const specs: [string, FieldSpec][] = [["orgSlug", { kind: "text" }], ...Object.entries(fields)];
  // A field the form may leave out is left out half the time (some schemas want one of two).
  const base = fc.tuple(
    ...specs.map(([name, spec]) =>
      spec.optional
        ? fc.oneof(validValue(name, spec, world), fc.constant(MISSING))
        : validValue(name, spec, world),
    ),
  );
  const spoil = fc.oneof(
    ...specs.map(([name, spec]) =>
      mutant(name, spec, world).map((value) => [name, value] as const),
    ),
  );
  const spoilt = fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.array(spoil, { minLength: 1, maxLength: 1 }), weight: 4 },
    { arbitrary: fc.array(spoil, { minLength: 2, maxLength: 4 }), weight: 2 },
  );
  const extras = fc.oneof(
    { arbitrary: fc.constant([]), weight: 7 },
    {
      arbitrary: fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS), hostile()), {
        minLength: 1,
        maxLength: 2,
      }),
      weight: 1,
    },
  );
  return fc.tuple(base, spoilt, extras).map(([values, changes, extra]) => {
    const form = new Map<string, FieldValue | typeof MISSING>(
      specs.map(([name], index) => [name, values[index] ?? MISSING]),
    );
    for (const [name, value] of changes) form.set(name, value);
    const entries = [...form].filter(
      (entry): entry is [string, FieldValue] => entry[1] !== MISSING,
    );
    return [...entries, ...extra];
  });
}

/** What a request carried, as text: a marker found in an answer was only leaked if it is not in here. */
export function sentText(entries: [string, FieldValue][]): string {
  return entries
    .flatMap(([name, value]) => [name, ...[value].flat()])
    .filter((part): part is string => typeof part === "string")
    .join("\n");
}

/** Route parameters: each what a link would hold for its name, then none, one or two spoilt. */
export function paramValues(
  names: readonly string[],
  world: World,
  tricks: readonly string[],
): fc.Arbitrary<Record<string, string>> {
  if (names.length === 0) return fc.constant({});
  const base = fc.tuple(...names.map((name) => valid(name, { kind: "text" }, world)));
  const spoilt = (name: string) =>
    fc.oneof(
      mutant(name, { kind: "text" }, world).filter(
        (value): value is string => typeof value === "string",
      ),
      fc.constantFrom(...tricks),
    );
  const spoil = fc.oneof(
    ...names.map((name) => spoilt(name).map((value) => [name, value] as const)),
  );
  const changes = fc.oneof(
    { arbitrary: fc.constant([]), weight: 3 },
    { arbitrary: fc.array(spoil, { minLength: 1, maxLength: 2 }), weight: 2 },
  );
  return fc.tuple(base, changes).map(([values, changed]) => ({
    ...Object.fromEntries(names.map((name, index) => [name, values[index] ?? ""])),
    ...Object.fromEntries(changed),
  }));
}
