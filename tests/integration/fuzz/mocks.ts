import { vi } from "vitest";

// The doubles around the fuzzed endpoints (see harness.ts). Imported first by each fuzz test
// file, before any endpoint is loaded.

// The signed-in session comes from the cookie through next-auth; everything after that is real.
vi.mock("next-auth", async (importOriginal) => {
  const { request } = await import("./harness");
  const real = await importOriginal<typeof import("next-auth")>();
  return { ...real, default: real.default, getServerSession: async () => request.session };
});
// after(): work done once the response has gone, awaited (settle) before the tables are compared.
vi.mock("next/server", async (importOriginal) => {
  const { request } = await import("./harness");
  return {
    ...(await importOriginal<typeof import("next/server")>()),
    connection: async () => undefined,
    after: (task: Promise<unknown> | (() => unknown)) => {
      request.pendingWork.push(
        Promise.resolve().then(() => (typeof task === "function" ? task() : task)),
      );
    },
  };
});
vi.mock("next/headers", async () => (await import("./harness")).headersDouble);
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
  updateTag: () => undefined,
  refresh: () => undefined,
}));
vi.mock("@/lib/server/action", async (importOriginal) =>
  (await import("./harness")).recordingWrappers(await importOriginal<object>()),
);
vi.mock("@/lib/server/route", async (importOriginal) =>
  (await import("./harness")).recordingWrappers(await importOriginal<object>()),
);
// /api/v1: the bearer token is the credential (lib/server/api-route.ts).
vi.mock("@/lib/server/api-route", async (importOriginal) =>
  (await import("./harness")).recordingWrappers(await importOriginal<object>()),
);
// Exports run in this process as with EXPORT_RUNNER=inline, but awaited before the next call.
vi.mock("@/lib/export-process/runner", async (importOriginal) => {
  const { request } = await import("./harness");
  const { runExport } = await import("@/lib/exports/run-export");
  return {
    ...(await importOriginal<typeof import("@/lib/export-process/runner")>()),
    dispatchExport: (ctx: Parameters<typeof runExport>[0], runId: string) => {
      request.pendingWork.push(runExport(ctx, runId));
    },
  };
});
