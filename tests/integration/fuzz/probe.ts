import fc from "fast-check";
import { changedTables, type Digest, type Fingerprint } from "./digest";
import { request, settle } from "./harness";
import type { Endpoint } from "./registry";
import { routeCases } from "./route-requests";
import { formFields, sentText, type FieldValue } from "./values";
import type { Caller, World } from "./world";

// One fuzzed call and what must hold around it: no 5xx and no INTERNAL (nor anything thrown
// that Next would turn into a 500); a refused call leaves every table, the activity log and the
// evidence files as they were; no answer shows org B's marker, ids, slug or emails unless the
// request itself carried them, nor to A's auditor the engagement they were not given; and
// nobody signed in (no session, or a revoked one) gets past an endpoint that needs a session.

export const SEED = 20260611;
export const CASES_PER_ENDPOINT = 40;

type Outcome = { refused: boolean; crashed: string | null; label: string; text: string };

export type Totals = {
  requests: number;
  fiveHundreds: number;
  outcomes: Map<string, Map<string, number>>;
  callMs: number;
  digestMs: number;
};

export const newTotals = (): Totals => ({
  requests: 0,
  fiveHundreds: 0,
  outcomes: new Map(),
  callMs: 0,
  digestMs: 0,
});

/** How each endpoint answered (ok, VALIDATION, 404…), to see that the cases reach past validation. */
export function outcomeTable(totals: Totals): string {
  return [...totals.outcomes]
    .map(
      ([id, counts]) =>
        `${id}: ${[...counts].map(([label, count]) => `${label} ${count}`).join(", ")}`,
    )
    .concat(`calls ${Math.round(totals.callMs)} ms, fingerprints ${Math.round(totals.digestMs)} ms`)
    .join("\n");
}

const NEXT_SIGNAL = /^(NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK|NEXT_NOT_FOUND)/;

function nextSignal(error: unknown): string | null {
  const digest =
    typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : "";
  return NEXT_SIGNAL.test(digest) ? digest : null;
}

function thrown(error: unknown): Outcome {
  const signal = nextSignal(error);
  // A redirect is how an action ends when it succeeded (signing out, say); not found is a refusal.
  if (signal)
    return {
      refused: !signal.startsWith("NEXT_REDIRECT"),
      crashed: null,
      label: signal.split(";").slice(0, 3).join(";"),
      text: signal,
    };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    refused: true,
    crashed: `threw ${message.slice(0, 200)}`,
    label: "threw",
    text: message,
  };
}

async function callAction(
  fn: (previous: unknown, form: unknown) => Promise<unknown>,
  previous: unknown,
  argument: unknown,
): Promise<Outcome> {
  try {
    const result = await fn(previous, argument);
    const text = JSON.stringify(result) ?? "";
    if (typeof result === "object" && result !== null && "ok" in result && result.ok === false) {
      const code = "code" in result ? String(result.code) : "?";
      return {
        refused: true,
        crashed: code === "INTERNAL" ? `answered INTERNAL: ${text.slice(0, 200)}` : null,
        label: code,
        text,
      };
    }
    return { refused: false, crashed: null, label: "ok", text };
  } catch (error) {
    return thrown(error);
  }
}

async function callRoute(
  fn: Extract<Endpoint, { kind: "route" }>["fn"],
  build: () => Request,
  params: Record<string, string | string[]>,
): Promise<Outcome> {
  try {
    const built = build() as Parameters<typeof fn>[0];
    // What next/headers would report for this request (next-auth reads cookies through it).
    request.headers = new Headers(built.headers);
    request.headers.set("host", "assay.test");
    const response = await fn(built, { params: Promise.resolve(params) });
    const body = Buffer.from(await response.arrayBuffer()).toString("latin1");
    const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
    const location = response.headers.get("location") ?? "";
    const refusedRedirect =
      /error=|csrf=true/.test(location) || /"url":"[^"]*(error=|csrf=true)/.test(body);
    return {
      refused: response.status >= 400 || refusedRedirect,
      crashed: response.status >= 500 ? `answered ${response.status}: ${body.slice(0, 200)}` : null,
      label: String(response.status),
      text: `${headers}\n${body}`,
    };
  } catch (error) {
    return thrown(error);
  }
}

/** A short description of an input, for the report of a violation. */
function summarise(value: unknown): string {
  const text = JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Blob
      ? `<file ${item.size} B>`
      : typeof item === "string" && item.length > 60
        ? `${item.slice(0, 60)}…(${item.length})`
        : item,
  );
  return (text ?? String(value)).slice(0, 400);
}

type ActionInput = {
  caller: Caller;
  previous: unknown;
  argument: unknown;
  sent: string;
  shown: unknown;
};

/** The first argument: the form's previous state, which a crafted call sets to anything. */
const PREVIOUS_STATES: unknown[] = [
  null,
  null,
  null,
  null,
  undefined,
  "x",
  42,
  { ok: true, data: { id: "x" } },
  { ok: false, code: "INTERNAL" },
  [null],
];
type Input = { caller: Caller; call: () => Promise<Outcome>; sent: string; shown: unknown };

function formData(entries: [string, FieldValue][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) for (const item of [value].flat()) form.append(name, item);
  return form;
}

const CALLER_WEIGHT: Record<Caller["role"], number> = {
  owner: 3,
  admin: 2,
  editor: 2,
  viewer: 1,
  auditor: 2,
  "non-member": 1,
  "signed-out": 1,
  "revoked session": 1,
};

const callers = (world: World): fc.Arbitrary<Caller> =>
  fc.oneof(
    ...world.callers.map((caller) => ({
      arbitrary: fc.constant(caller),
      weight: CALLER_WEIGHT[caller.role],
    })),
  );

/** The fixed seed, varied by endpoint so that endpoints do not all see the same sequence of callers. */
function seedFor(id: string): number {
  let seed = SEED;
  for (const character of id) seed = (Math.imul(seed, 31) + character.charCodeAt(0)) | 0;
  return seed;
}

function actionInputs(
  endpoint: Extract<Endpoint, { kind: "action" }>,
  world: World,
): fc.Arbitrary<ActionInput> {
  const caller = callers(world);
  const entries = formFields(endpoint.fields, world);
  // Next decodes a server action's arguments from the request: a crafted one need not be a form.
  const argument = fc.oneof(
    {
      arbitrary: entries.map((fields) => ({
        argument: formData(fields) as unknown,
        sent: sentText(fields),
        shown: fields as unknown,
      })),
      weight: 9,
    },
    {
      arbitrary: fc
        .tuple(
          entries,
          fc.constantFrom("object", "string", "null", "undefined", "number", "array", "getter"),
        )
        .map(([fields, shape]) => ({
          argument: (
            {
              object: Object.fromEntries(fields),
              string: "orgSlug=x",
              null: null,
              undefined: undefined,
              number: 42,
              array: [Object.fromEntries(fields)],
              getter: { get: 1, getAll: "x" },
            } as Record<string, unknown>
          )[shape],
          sent: sentText(fields),
          shown: `${shape}: ${summarise(fields)}`,
        })),
      weight: 1,
    },
  );
  return fc
    .tuple(caller, fc.constantFrom(...PREVIOUS_STATES), argument)
    .map(([who, previous, arg]) => ({ caller: who, previous, ...arg }));
}

function inputs(endpoint: Endpoint, world: World, cases: number): Input[] {
  const options = { seed: seedFor(endpoint.id), numRuns: cases };
  if (endpoint.kind === "action") {
    return fc
      .sample(actionInputs(endpoint, world), options)
      .map(({ caller, previous, argument, sent, shown }) => ({
        caller,
        sent,
        shown,
        call: () => callAction(endpoint.fn, previous, argument),
      }));
  }
  const sampled = fc.sample(fc.tuple(callers(world), routeCases(endpoint, world)), options);
  return sampled.map(([caller, routeCase]) => ({
    caller,
    sent: routeCase.sent,
    shown: { url: routeCase.url, params: routeCase.params },
    call: () => callRoute(endpoint.fn, routeCase.request, routeCase.params),
  }));
}

/**
 * Runs the endpoint's cases one after another against the world; returns the violations (empty
 * when everything held) and adds to `totals`.
 */
export async function fuzzEndpoint(
  endpoint: Endpoint,
  world: World,
  fingerprint: Fingerprint,
  totals: Totals,
  cases = CASES_PER_ENDPOINT,
): Promise<string[]> {
  const violations: string[] = [];
  let last: Digest | null = null;
  for (const input of inputs(endpoint, world, cases)) {
    await settle();
    const before = last ?? (await fingerprint.take());
    const { user, sessionId } = input.caller;
    request.session = user && sessionId ? { user: { id: user.userId }, sessionId } : null;
    request.headers = new Headers({ host: "assay.test", "x-forwarded-for": "203.0.113.7" });
    const started = performance.now();
    const outcome = await input.call();
    await settle();
    const called = performance.now();
    const after = await fingerprint.take();
    totals.callMs += called - started;
    totals.digestMs += performance.now() - called;
    last = after;
    totals.requests += 1;
    const counts = totals.outcomes.get(endpoint.id) ?? new Map<string, number>();
    totals.outcomes.set(
      endpoint.id,
      counts.set(outcome.label, (counts.get(outcome.label) ?? 0) + 1),
    );
    const where = `${endpoint.id} as ${input.caller.role} with ${summarise(input.shown)}`;
    if (outcome.crashed) {
      totals.fiveHundreds += 1;
      violations.push(`${where}: ${outcome.crashed}`);
    }
    if (
      !endpoint.isPublic &&
      (input.caller.role === "signed-out" || input.caller.role === "revoked session") &&
      !outcome.refused
    ) {
      violations.push(`${where}: answered (${outcome.label}) a caller who is not signed in`);
    }
    const changed = changedTables(before, after);
    if (outcome.refused && changed.length)
      violations.push(`${where}: refused (${outcome.label}) but changed ${changed.join(", ")}`);
    const tokens =
      input.caller.role === "auditor"
        ? [...world.leakTokens, ...world.outOfScopeTokens]
        : world.leakTokens;
    const leaked = tokens.filter(
      (token) =>
        outcome.text.toLowerCase().includes(token.toLowerCase()) &&
        !input.sent.toLowerCase().includes(token.toLowerCase()),
    );
    if (leaked.length)
      violations.push(
        `${where}: answer (${outcome.label}) shows what the caller may not see: ${leaked.join(", ")}`,
      );
  }
  return violations;
}
