import { createRequire } from "node:module";
import type { z } from "zod";

// The request around an endpoint, played by the test: the session its cookie would carry (a
// real AuthSession row; lib/auth/session.ts checks it as in production), the request's headers
// and cookies, and the exports an action started (awaited before the database is compared).
// The fuzz test files install these doubles with vi.mock; the endpoints' own code is real.

/** What next-auth's getServerSession hands over for a signed-in request. */
export type TokenSession = { user: { id: string }; sessionId: string };

export const request = {
  session: null as TokenSession | null,
  headers: new Headers({ host: "assay.test" }),
  pendingWork: [] as Promise<unknown>[],
};

/** Waits for work an endpoint started without waiting (exports), so it cannot land later. */
export async function settle(): Promise<void> {
  while (request.pendingWork.length) await Promise.allSettled(request.pendingWork.splice(0));
}

type AnyFunction = (...args: never[]) => unknown;

/** The zod schema each action or route handler was built with, recorded by its wrapper. */
export const schemaOf = new WeakMap<AnyFunction, z.ZodType>();
/** The wrapper each action or route handler was built with (orgAction, publicAction, orgRequestRoute…). */
export const wrapperOf = new WeakMap<AnyFunction, string>();

const isZodSchema = (value: unknown): value is z.ZodType =>
  typeof value === "object" && value !== null && "safeParse" in value && "_zod" in value;

/**
 * The wrapper module's exports, each recording the schema it is given: `orgAction(Schema, …)`
 * returns the real action, and the fuzzer learns its fields from Schema.
 */
export function recordingWrappers<M extends object>(real: M): M {
  const entries: [string, unknown][] = Object.entries(real);
  const wrap = (name: string, factory: unknown) =>
    typeof factory !== "function"
      ? factory
      : (...args: unknown[]) => {
          const made: unknown = factory(...args);
          if (typeof made !== "function") return made;
          wrapperOf.set(made as AnyFunction, name);
          if (isZodSchema(args[0])) schemaOf.set(made as AnyFunction, args[0]);
          return made;
        };
  return Object.fromEntries(entries.map(([name, value]) => [name, wrap(name, value)])) as M;
}

/** Cookie values as Next hands them over: percent-decoded where they decode. */
function decodeCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function cookieStore() {
  const parse = (): Map<string, string> =>
    new Map(
      (request.headers.get("cookie") ?? "")
        .split(";")
        .map((part): [string, string] => {
          const at = part.indexOf("=");
          return at < 0
            ? [part.trim(), ""]
            : [part.slice(0, at).trim(), decodeCookie(part.slice(at + 1))];
        })
        .filter(([name]) => name !== ""),
    );
  return {
    get: (name: string) => {
      const value = parse().get(name);
      return value === undefined ? undefined : { name, value };
    },
    getAll: () => [...parse()].map(([name, value]) => ({ name, value })),
    has: (name: string) => parse().has(name),
    set: () => undefined,
    delete: () => undefined,
  };
}

/** next/headers for code running outside a Next request: the current fuzz request's headers. */
export const headersDouble = {
  headers: async () => request.headers,
  cookies: async () => cookieStore(),
  draftMode: async () => ({ isEnabled: false, enable: () => undefined, disable: () => undefined }),
};

/**
 * next-auth's route handler loads next/headers with require() at call time, which vi.mock does
 * not reach: the CommonJS module object gets the same double.
 */
export function installHeadersForRequire(): void {
  const cjs = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
  Object.assign(cjs, headersDouble);
}
