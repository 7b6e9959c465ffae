import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/lib/db/client";
import { providerOf, sqliteFilePath } from "@/lib/db/database-url";
import { PrismaClient as PostgresClient } from "@/lib/db/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "@/lib/db/generated/sqlite/client";
import { MAX_ATTEMPTS } from "@/lib/domain/job-schedule";
import { AppError } from "@/lib/errors";
import type { JobDefinition } from "@/lib/jobs/definition";
import { runDueJobs } from "@/lib/jobs/runner";
import { makeOrg } from "./helpers";

// Two runners, each with its own database client (its own connections), tick at the same
// instant. A barrier holds both until each has listed the due runs and read the existing rows,
// so both then try to claim the same runs: every run must still be performed exactly once.

function separateClient(): Db {
  const url = process.env.DATABASE_URL ?? "";
  if (providerOf(url) === "sqlite")
    return new SqliteClient({
      adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url), timeout: 10_000 }),
    });
  return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
}

function barrier(parties: number): () => Promise<void> {
  let waiting = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async () => {
    waiting++;
    if (waiting >= parties) open();
    await opened;
  };
}

const quiet = { log: () => undefined, error: () => undefined };
const clients: Db[] = [];
afterAll(async () => {
  for (const client of clients) await client.$disconnect();
});

function runners(count: number): Db[] {
  const made = Array.from({ length: count }, separateClient);
  clients.push(...made);
  return made;
}

type Counted = { job: JobDefinition; performed: Map<string, number> };

/** A job with `keys` due runs whose due() waits at `wait`; performing one counts it. */
function countedJob(
  name: string,
  keys: string[],
  wait: () => Promise<void>,
  fail?: () => boolean,
): Counted {
  const performed = new Map<string, number>();
  const job: JobDefinition = {
    name,
    leaseMs: 60_000,
    due: async () => {
      await wait();
      return keys.map((runKey) => ({
        runKey,
        organizationId: null,
        perform: async () => {
          performed.set(runKey, (performed.get(runKey) ?? 0) + 1);
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (fail?.()) throw new AppError("VALIDATION", "The store is unreachable.");
        },
      }));
    },
  };
  return { job, performed };
}

let jobCounter = 0;
const jobName = () => `test-job-${++jobCounter}`;
const NOW = new Date("2026-06-01T00:00:30Z");

beforeEach(async () => {
  await makeOrg();
});

describe("job runner", () => {
  it("performs every due run exactly once with two runners racing", async () => {
    const keys = Array.from({ length: 20 }, (_, index) => `key-${index}`);
    const { job, performed } = countedJob(jobName(), keys, barrier(2));
    const [first, second] = runners(2) as [Db, Db];
    const reports = await Promise.all([
      runDueJobs(first, [job], () => NOW, quiet),
      runDueJobs(second, [job], () => NOW, quiet),
    ]);
    expect([...performed.values()]).toEqual(keys.map(() => 1));
    expect(reports[0].ran + reports[1].ran).toBe(keys.length);
    expect(reports[0].skipped + reports[1].skipped).toBe(keys.length);
    const rows = await getDb().jobRun.findMany({ where: { job: job.name } });
    expect(rows).toHaveLength(keys.length);
    expect(rows.every((row) => row.status === "succeeded" && row.attempts === 1)).toBe(true);
  });

  it("does not run a succeeded run again on a later tick", async () => {
    const { job, performed } = countedJob(jobName(), ["only"], async () => undefined);
    await runDueJobs(getDb(), [job], () => NOW, quiet);
    const later = new Date(NOW.getTime() + 3_600_000);
    const report = await runDueJobs(getDb(), [job], () => later, quiet);
    expect(performed.get("only")).toBe(1);
    expect(report).toMatchObject({ ran: 0, skipped: 1 });
  });

  it("records a failure with its message, retries after the backoff, and stops after the last attempt", async () => {
    const { job, performed } = countedJob(
      jobName(),
      ["flaky"],
      async () => undefined,
      () => true,
    );
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    await runDueJobs(getDb(), [job], () => at(0), quiet);
    const failed = await getDb().jobRun.findFirstOrThrow({ where: { job: job.name } });
    expect(failed).toMatchObject({
      status: "failed",
      attempts: 1,
      error: "The store is unreachable.",
    });
    await runDueJobs(getDb(), [job], () => at(4), quiet); // backoff is 5 minutes
    expect(performed.get("flaky")).toBe(1);
    for (const minutes of [6, 40, 200, 10_000, 20_000])
      await runDueJobs(getDb(), [job], () => at(minutes), quiet);
    expect(performed.get("flaky")).toBe(MAX_ATTEMPTS);
    const last = await getDb().jobRun.findFirstOrThrow({ where: { job: job.name } });
    expect(last).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
  });

  it("hides an unexpected error's internals from the stored message and logs it", async () => {
    const logged: unknown[] = [];
    const job: JobDefinition = {
      name: jobName(),
      leaseMs: 60_000,
      due: async () => [
        {
          runKey: "boom",
          organizationId: null,
          perform: async () => {
            throw new Error("connect ECONNREFUSED 10.0.0.7:5432 password=hunter2");
          },
        },
      ],
    };
    await runDueJobs(getDb(), [job], () => NOW, {
      log: () => undefined,
      error: (...args) => logged.push(...args),
    });
    const row = await getDb().jobRun.findFirstOrThrow({ where: { job: job.name } });
    expect(row.error).toMatch(
      /^The job failed unexpectedly \(error [0-9a-f]{8} in the server log\)\.$/,
    );
    expect(row.error).not.toContain("hunter2");
    expect(
      logged.some((entry) => entry instanceof Error && entry.message.includes("hunter2")),
    ).toBe(true);
  });

  it("lets exactly one of two racing runners take over a run whose lease passed", async () => {
    const name = jobName();
    await getDb().jobRun.create({
      data: {
        job: name,
        runKey: "stale",
        status: "running",
        leaseUntil: new Date(NOW.getTime() - 1_000),
        startedAt: new Date(NOW.getTime() - 61_000),
      },
    });
    const { job, performed } = countedJob(name, ["stale"], barrier(2));
    const [first, second] = runners(2) as [Db, Db];
    await Promise.all([
      runDueJobs(first, [job], () => NOW, quiet),
      runDueJobs(second, [job], () => NOW, quiet),
    ]);
    expect(performed.get("stale")).toBe(1);
    const row = await getDb().jobRun.findFirstOrThrow({ where: { job: name } });
    expect(row).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it("leaves a run whose lease has not passed to its runner", async () => {
    const name = jobName();
    await getDb().jobRun.create({
      data: {
        job: name,
        runKey: "busy",
        status: "running",
        leaseUntil: new Date(NOW.getTime() + 30_000),
      },
    });
    const { job, performed } = countedJob(name, ["busy"], async () => undefined);
    await runDueJobs(getDb(), [job], () => NOW, quiet);
    expect(performed.size).toBe(0);
  });

  it("lets exactly one of two racing runners retry a failed run", async () => {
    const name = jobName();
    await getDb().jobRun.create({
      data: {
        job: name,
        runKey: "retry",
        status: "failed",
        attempts: 1,
        leaseUntil: new Date(NOW.getTime() - 3_600_000),
        finishedAt: new Date(NOW.getTime() - 3_600_000),
        error: "earlier",
      },
    });
    const { job, performed } = countedJob(name, ["retry"], barrier(2));
    const [first, second] = runners(2) as [Db, Db];
    await Promise.all([
      runDueJobs(first, [job], () => NOW, quiet),
      runDueJobs(second, [job], () => NOW, quiet),
    ]);
    expect(performed.get("retry")).toBe(1);
    const row = await getDb().jobRun.findFirstOrThrow({ where: { job: name } });
    expect(row).toMatchObject({ status: "succeeded", attempts: 2, error: null });
  });
});
