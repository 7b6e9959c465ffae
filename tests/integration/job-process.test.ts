import { readFile } from "node:fs/promises";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { jobPool, withJob } from "@/lib/export-process/job-pool";
import { MAX_PAPERWORK_CHARS } from "@/lib/schemas/paperwork";
import { packInput, readZip, tempDir, writePackFile } from "@/tests/unit/export/pack-helpers";
import { deflatedZeros, zipBytes } from "@/tests/unit/export/zip-bytes";
import { makeEngagement, makeOrg } from "./helpers";
import { signInFor, userOf } from "./signed-in";

// Paperwork PDFs and pack checks in job processes for real (children started from
// scripts/job-worker.ts through tsx), called through their routes the way a browser would:
// this process's event loop stays free while they run, a runaway job is killed at its budget,
// and the limits per member and per instance answer RATE_LIMITED with Retry-After.

// Requests for different organisations run at once: each organisation has its own member.
vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const { POST: pdfRoute } =
  await import("@/app/o/[orgSlug]/engagements/[engagementId]/paperwork/pdf/route");
const { POST: verifyRoute } = await import("@/app/api/orgs/[orgSlug]/packs/verify/route");
const { GET: bySha } = await import("@/app/api/orgs/[orgSlug]/evidence/by-sha/[sha256]/route");

const ORIGIN = "http://assay.test";
const PARAGRAPH =
  "We confirm that the controls described were suitably designed and operated effectively throughout the period. ";
/** A valid draft at the largest size the route accepts (about half a second of pdfkit layout). */
const LONG_DRAFT = `${PARAGRAPH.repeat(4)}\n\n`
  .repeat(Math.ceil(MAX_PAPERWORK_CHARS / (PARAGRAPH.length * 4 + 2)))
  .slice(0, MAX_PAPERWORK_CHARS);

let temp: Awaited<ReturnType<typeof tempDir>>;
let pack: Buffer;

beforeAll(async () => {
  temp = await tempDir();
  const file = path.join(temp.dir, "pack.zip");
  await writePackFile(file);
  pack = await readFile(file);
});

afterEach(async () => {
  await jobPool().stop();
  vi.unstubAllEnvs();
});

afterAll(() => temp.remove());

async function member() {
  const ctx = await makeOrg();
  const engagement = await makeEngagement(ctx, { name: "SOC 2 Type II 2026" });
  signInFor(ctx.orgSlug, userOf(ctx));
  return { ctx, engagementId: engagement.id };
}

function postPdf(orgSlug: string, engagementId: string, markdown: string) {
  const request = new NextRequest(
    `${ORIGIN}/o/${orgSlug}/engagements/${engagementId}/paperwork/pdf`,
    {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ kind: "assertion", markdown }),
    },
  );
  return pdfRoute(request, { params: Promise.resolve({ orgSlug, engagementId }) });
}

function postPack(orgSlug: string, body: BodyInit) {
  const request = new NextRequest(`${ORIGIN}/api/orgs/${orgSlug}/packs/verify`, {
    method: "POST",
    headers: { "content-type": "application/zip", origin: ORIGIN },
    body,
    duplex: "half",
  });
  return verifyRoute(request, { params: Promise.resolve({ orgSlug }) });
}

/** An upload that has started and goes on until `finish` sends the rest. */
function heldUpload(bytes: Buffer) {
  let finish = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes.subarray(0, 100)));
      finish = () => {
        controller.enqueue(new Uint8Array(bytes.subarray(100)));
        controller.close();
      };
    },
  });
  return { body, finish: () => finish() };
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

/** The longest the event loop was held up while `work` ran, in ms, and how many `ordinary` calls answered meanwhile. */
async function whileRunning(work: Promise<Response>, ordinary: () => Promise<Response>) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let done = false;
  let answered = 0;
  const finished = work.finally(() => {
    done = true;
  });
  while (!done) {
    expect((await ordinary()).status).toBe(200);
    answered++;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  delay.disable();
  return { response: await finished, maxDelayMs: delay.max / 1e6, answered };
}

describe("paperwork PDFs in a job process", () => {
  it(
    "are laid out while this process keeps answering other requests, its event loop never held up for long",
    { timeout: 300_000 },
    async () => {
      vi.stubEnv("EXPORT_RUNNER", "process");
      vi.stubEnv("PAPERWORK_PDF_SECONDS", "300");
      const { ctx, engagementId } = await member();
      const ordinary = () =>
        bySha(
          new NextRequest(`${ORIGIN}/api/orgs/${ctx.orgSlug}/evidence/by-sha/${"a".repeat(64)}`),
          { params: Promise.resolve({ orgSlug: ctx.orgSlug, sha256: "a".repeat(64) }) },
        );

      const offloaded = await whileRunning(
        postPdf(ctx.orgSlug, engagementId, LONG_DRAFT),
        ordinary,
      );
      expect(offloaded.response.status).toBe(200);
      expect(
        Buffer.from(await offloaded.response.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
      expect(jobPool().pids).toHaveLength(1);
      expect(jobPool().pids[0]).not.toBe(process.pid);
      expect(offloaded.answered).toBeGreaterThan(10);
      // Measured with the two cores of the machine at a load average of 17: 359 ms (and 15.4 s inline).
      expect(offloaded.maxDelayMs).toBeLessThan(1000);
    },
  );

  it(
    "the blockquote run of finding 2 no longer holds up this process: refused, by validation or by its budget",
    { timeout: 120_000 },
    async () => {
      vi.stubEnv("EXPORT_RUNNER", "process");
      vi.stubEnv("PAPERWORK_PDF_SECONDS", "5");
      const { ctx, engagementId } = await member();
      const ordinary = () =>
        bySha(
          new NextRequest(`${ORIGIN}/api/orgs/${ctx.orgSlug}/evidence/by-sha/${"b".repeat(64)}`),
          { params: Promise.resolve({ orgSlug: ctx.orgSlug, sha256: "b".repeat(64) }) },
        );

      const { response, maxDelayMs } = await whileRunning(
        postPdf(ctx.orgSlug, engagementId, `${"> ".repeat(50_000)}x`),
        ordinary,
      );
      expect([400, 413]).toContain(response.status);
      expect(maxDelayMs).toBeLessThan(1000);
    },
  );

  it(
    "kills a job that overruns its budget, answers TOO_LARGE, fails one waiting longer than its own as busy, and starts afresh",
    { timeout: 120_000 },
    async () => {
      vi.stubEnv("EXPORT_RUNNER", "process");
      vi.stubEnv("JOB_PROCESSES", "1");
      // Room for the runaway draft to grow for the seconds it is given.
      vi.stubEnv("EXPORT_HEAP_MB", "512");
      vi.stubEnv("PAPERWORK_PDF_SECONDS", "300");
      const { ctx } = await member();
      const other = await member();
      await withJob(ctx, "paperwork-pdf", (run) =>
        run({ markdown: "# Warm", title: "t", footer: "f" }),
      );
      const [pid] = jobPool().pids;

      vi.stubEnv("PAPERWORK_PDF_SECONDS", "3");
      const killed = withJob(ctx, "paperwork-pdf", (run) =>
        // Far more than 3 seconds of layout however fast the renderer gets (pdfkit lays out 12
        // drafts' worth in under 3 s), so the kill is what ends it.
        run({ markdown: LONG_DRAFT.repeat(80), title: "t", footer: "f" }),
      ).catch((error: unknown) => error);
      vi.stubEnv("PAPERWORK_PDF_SECONDS", "1");
      await expect(
        withJob(other.ctx, "paperwork-pdf", (run) =>
          run({ markdown: "# Short", title: "t", footer: "f" }),
        ),
      ).rejects.toMatchObject({
        code: "RATE_LIMITED",
        message:
          "The server is busy laying out PDFs and checking packs for others. Try again in a minute.",
        retryAfterSeconds: 30,
      });
      expect(await killed).toMatchObject({
        code: "TOO_LARGE",
        message:
          "The draft took longer than 3 seconds to lay out as a PDF. Shorten it, or download the Markdown instead.",
      });
      await vi.waitFor(() => expect(() => process.kill(pid as number, 0)).toThrow(/ESRCH/), {
        timeout: 5_000,
      });

      vi.stubEnv("PAPERWORK_PDF_SECONDS", "300");
      const pdf = await withJob(ctx, "paperwork-pdf", (run) =>
        run({ markdown: "# After", title: "t", footer: "f" }),
      );
      expect(Buffer.from(pdf).subarray(0, 5).toString()).toBe("%PDF-");
      expect(jobPool().pids).toHaveLength(1);
      expect(jobPool().pids).not.toContain(pid);
    },
  );

  it(
    "lay out at most two at a time for a member, answering a third RATE_LIMITED with Retry-After",
    { timeout: 120_000 },
    async () => {
      vi.stubEnv("EXPORT_RUNNER", "process");
      vi.stubEnv("PAPERWORK_PDF_SECONDS", "300");
      const { ctx, engagementId } = await member();
      const draft = LONG_DRAFT.slice(0, 40_000);
      const responses = await Promise.all(
        [1, 2, 3].map(() => postPdf(ctx.orgSlug, engagementId, draft)),
      );
      // Each request reads the member and the engagement before it asks for a job, so which of
      // the three is refused depends on the order those queries answer in (not the order sent).
      expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 429]);
      const refused = responses.find((response) => response.status === 429) as Response;
      expect(refused.headers.get("retry-after")).toBe("10");
      expect(await errorOf(refused)).toEqual({
        code: "RATE_LIMITED",
        message:
          "You already have two PDFs being laid out. Wait for them to finish, then try again.",
      });
    },
  );
});

describe("pack checks in a job process", () => {
  it(
    "verify a pack, and refuse a zip bomb from its central directory",
    { timeout: 120_000 },
    async () => {
      vi.stubEnv("EXPORT_RUNNER", "process");
      const { ctx } = await member();
      const good = await postPack(ctx.orgSlug, new Uint8Array(pack));
      expect(good.status).toBe(200);
      expect(((await good.json()) as { data: unknown }).data).toMatchObject({
        ok: true,
        checked: 7,
        mismatched: [],
        missing: [],
        extra: [],
      });

      const manifest = await writeManifestOnlyPack();
      const bomb = zipBytes([
        { name: "manifest.json", data: manifest },
        { name: "zeros.bin", data: await deflatedZeros(128) },
      ]);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const refused = await postPack(ctx.orgSlug, new Uint8Array(bomb));
      expect(refused.status).toBe(413);
      expect(await errorOf(refused)).toEqual({
        code: "TOO_LARGE",
        message: expect.stringMatching(
          /^The archive is too large to verify: "zeros\.bin" would inflate 1,0\d\d times \(1 MB to 128 MB\); at most 100 times is checked here\.$/,
        ),
      });
    },
  );

  it(
    "one at a time per member, refused before the second upload is read; another member is not held up",
    { timeout: 120_000 },
    async () => {
      vi.stubEnv("EXPORT_RUNNER", "process");
      const { ctx } = await member();
      const other = await member();
      const upload = heldUpload(pack);
      const first = postPack(ctx.orgSlug, upload.body);
      await new Promise((resolve) => setTimeout(resolve, 100));

      const second = await postPack(ctx.orgSlug, new Uint8Array(pack));
      expect(second.status).toBe(429);
      expect(second.headers.get("retry-after")).toBe("30");
      expect(await errorOf(second)).toEqual({
        code: "RATE_LIMITED",
        message: "You are already checking a pack. Wait for it to finish, then try again.",
      });
      expect((await postPack(other.ctx.orgSlug, new Uint8Array(pack))).status).toBe(200);

      upload.finish();
      expect((await first).status).toBe(200);
      expect((await postPack(ctx.orgSlug, new Uint8Array(pack))).status).toBe(200);
    },
  );

  it("no more than JOB_PROCESSES + JOB_QUEUE jobs in the instance: beyond, RATE_LIMITED with Retry-After", async () => {
    vi.stubEnv("JOB_PROCESSES", "1");
    vi.stubEnv("JOB_QUEUE", "1");
    const uploads = [heldUpload(pack), heldUpload(pack)];
    const members = [await member(), await member(), await member()];
    const held = uploads.map((upload, index) =>
      postPack(members[index]?.ctx.orgSlug ?? "", upload.body),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    const third = members[2] as Awaited<ReturnType<typeof member>>;
    const refused = await postPdf(third.ctx.orgSlug, third.engagementId, "# Short");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect((await errorOf(refused)).message).toBe(
      "The server is busy laying out PDFs and checking packs for others. Try again in a minute.",
    );

    for (const upload of uploads) upload.finish();
    expect((await Promise.all(held)).map((response) => response.status)).toEqual([200, 200]);
    expect((await postPdf(third.ctx.orgSlug, third.engagementId, "# Short")).status).toBe(200);
  });
});

/** The manifest.json of a pack with no files. */
async function writeManifestOnlyPack(): Promise<Buffer> {
  const file = path.join(temp.dir, "bare.zip");
  await writePackFile(file, packInput([], { documents: [] }));
  const [manifest] = await readZip(file);
  if (!manifest) throw new Error("no manifest");
  return manifest.data;
}
