import "./mocks";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { fuzzEndpoint, newTotals } from "./probe";
import type { Endpoint } from "./registry";
import { fuzzFile } from "./suite";
import { MARKER, restoreCallers, type World } from "./world";

// Half of the server actions (the other half: actions-2.test.ts), and the checks themselves.

const file = await fuzzFile(
  "server actions 1/2",
  (endpoint, index) => endpoint.kind === "action" && index % 2 === 0,
  { discovers: "actions.ts" },
);

// The checks themselves, on endpoints made to break each rule: a fuzz suite that cannot fail
// would prove nothing.
describe("the fuzz checks", () => {
  const fake = (id: string, fn: (world: World) => Promise<unknown>, isPublic = true): Endpoint => ({
    kind: "action",
    id,
    isPublic,
    fn: () => fn(file.world()),
    fields: { title: { kind: "text" } },
  });
  const run = async (endpoint: Endpoint) => {
    await restoreCallers(file.world());
    return fuzzEndpoint(endpoint, file.world(), file.fingerprint(), newTotals(), 8);
  };

  it("report an INTERNAL answer and a throw", async () => {
    expect(
      await run(fake("internal", async () => ({ ok: false, code: "INTERNAL", message: "x" }))),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/internal as .*: answered INTERNAL/)]));
    expect(await run(fake("throws", async () => Promise.reject(new Error("boom"))))).toEqual(
      expect.arrayContaining([expect.stringMatching(/threw Error: boom/)]),
    );
  });

  it("report a write made by a call that was refused", async () => {
    const writes = fake("writes", async ({ a }) => {
      await getDb().control.create({
        data: {
          organizationId: a.ctx.orgId,
          ref: `W-${Math.random().toString(36).slice(2, 8)}`,
          title: "Written anyway",
          description: "",
          searchText: "written anyway",
          status: "draft",
          frequency: "quarterly",
          nature: "manual",
        },
      });
      return { ok: false, code: "VALIDATION", message: "Refused." };
    });
    expect(await run(writes)).toEqual(
      expect.arrayContaining([expect.stringMatching(/refused \(VALIDATION\) but changed Control/)]),
    );
  });

  it("report an endpoint that needs a session answering someone without one", async () => {
    expect(await run(fake("open", async () => ({ ok: true, data: null }), false))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /open as (signed-out|revoked session) .*: answered \(ok\) a caller who is not signed in/,
        ),
      ]),
    );
  });

  it("report org B's data in an answer, but not what the request itself sent", async () => {
    expect(
      await run(fake("leaks", async ({ b }) => ({ ok: true, data: { name: b.ctx.orgName } }))),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`shows what the caller may not see: ${MARKER}`)),
      ]),
    );
    const echo: Endpoint = {
      kind: "action",
      id: "echo",
      isPublic: true,
      fn: async (_previous, form) => ({
        ok: false,
        code: "NOT_FOUND",
        message: JSON.stringify([...(form instanceof FormData ? form.values() : [])]),
      }),
      fields: { controlId: { kind: "text" } },
    };
    expect(await run(echo)).toEqual([]);
  });
});
