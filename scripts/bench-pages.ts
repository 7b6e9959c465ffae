import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { migrate } from "../lib/db/migrator";
import { benchOrganization, DEFAULT_SHAPE } from "./lib/bench-seed";
import { createBenchDatabase } from "./lib/bench-database";

// npm run bench:pages [-- --seconds N]
// Per-request cost of the organisation pages on the production build (`npm run build` first:
// this builds nothing), side by side with `/sign-in` signed out as the floor, in the same run:
//   1. a temporary SQLite database with the demo organisation (scripts/prepare.ts, as `npm start`
//      seeds it) and the large organisation of bench:readiness (2,000 controls, 200,000 evidence),
//      its maintained readiness rolled forward by one job tick (scripts/jobs.ts);
//   2. the server as `npm start` runs it (scripts/serve.ts, JOBS_RUNNER=off) on a loopback port;
//   3. a session for each organisation's owner through the real sign-in route;
//   4. autocannon in-process, 50 connections for N seconds (default 10) per page: the engagement
//      dashboard, the control library, a control page, a requirement page and My work of each
//      organisation; the floor before and after (their mean is the floor);
//   5. first-load JavaScript per page: the scripts its HTML loads, gzipped, from .next/static.
// The last line is the summary other tools read.

type Result = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<Result>;
const autocannon = createRequire(__filename)("autocannon") as Autocannon;

const CONNECTIONS = 50;
const PASSWORD = "assay-demo-password";
const DEMO_EMAIL = "demo@assay.local";
const LARGE_EMAIL = "bench-owner@assay.local";

function secondsArg(): number {
  const at = process.argv.indexOf("--seconds");
  const value = at === -1 ? 10 : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 600)
    throw new Error("--seconds takes a whole number of seconds from 1 to 600.");
  return value;
}

const fixed = (value: number, digits = 1): string => value.toFixed(digits);

async function waitForServer(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited (${server.exitCode}).`);
    try {
      if ((await fetch(`${base}/sign-in`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("The server did not answer /sign-in within 2 minutes.");
}

const cookiesOf = (response: Response): string[] =>
  response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");

/** Signs in through next-auth's credentials route, as the sign-in form does; the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  const session = cookiesOf(response).find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`Signing in as ${email} gave no session (${response.status}).`);
  return session;
}

async function html(base: string, pathname: string, cookie?: string): Promise<string> {
  const response = await fetch(`${base}${pathname}`, {
    redirect: "manual",
    headers: cookie ? { cookie } : {},
  });
  if (response.status !== 200)
    throw new Error(`GET ${pathname} answered ${response.status}, not 200.`);
  return response.text();
}

function firstMatch(text: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(text)?.[1];
  if (!match) throw new Error(`No ${what} found in the page.`);
  return match;
}

/**
 * The gzipped size of the scripts a page's HTML loads, from the build's static files. Scripts
 * marked noModule (Next's polyfills) are left out: a browser that runs modules never fetches them.
 */
function firstLoadKb(page: string): number {
  const scripts = new Set(
    [...page.matchAll(/<script\b[^>]*>/g)]
      .map((tag) => tag[0])
      .filter((tag) => !/\snomodule\b/i.test(tag))
      .map((tag) => /\ssrc="\/_next\/static\/([^"?]+)/.exec(tag)?.[1])
      .filter((file): file is string => file !== undefined),
  );
  let bytes = 0;
  for (const file of scripts) {
    const full = path.join(".next", "static", file);
    if (fs.existsSync(full)) bytes += gzipSync(fs.readFileSync(full)).length;
  }
  return bytes / 1024;
}

/**
 * Waits until the server has answered what the previous load left queued (a slow page can
 * leave 50 requests that take minutes): a request of this page's, retried while it times out.
 */
async function drained(base: string, target: Target): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await html(base, target.path, target.cookie);
      return;
    } catch (error) {
      if (attempt >= 6 || !(error instanceof TypeError)) throw error;
      console.log(
        `  (the server is still busy with the previous load; waiting for ${target.path})`,
      );
    }
  }
}

type Target = { org: "demo" | "large" | "floor"; name: string; path: string; cookie?: string };
type Measured = Target & {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  jsKb: number;
  /** One request on its own, after the previous load has drained: what a page costs alone. */
  aloneMs: number;
};

async function load(base: string, target: Target, seconds: number): Promise<Measured> {
  await drained(base, target);
  const started = performance.now();
  const page = await html(base, target.path, target.cookie);
  const aloneMs = performance.now() - started;
  const result = await autocannon({
    url: `${base}${target.path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: target.cookie ? { cookie: target.cookie } : {},
  });
  return {
    ...target,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors + result.timeouts,
    jsKb: firstLoadKb(page),
    aloneMs,
  };
}

/** floor ÷ page in requests per second; a page that answered nothing in time is infinitely slower. */
const ratioOf = (floorRps: number, m: Measured): number =>
  m.rps > 0 ? floorRps / m.rps : Number.POSITIVE_INFINITY;
const ratioText = (floorRps: number, m: Measured): string => {
  const ratio = ratioOf(floorRps, m);
  return ratioFixed(ratio);
};

const ratioFixed = (ratio: number): string => (Number.isFinite(ratio) ? fixed(ratio, 2) : "inf");

async function main(): Promise<void> {
  const seconds = secondsArg();
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) {
    console.error(
      "No production build here (.next/BUILD_ID is missing): run `npm run build` first.",
    );
    process.exit(1);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "assay-bench-pages-"));
  const database = await createBenchDatabase(undefined);
  let server: ChildProcess | undefined;
  const cleanUp = async () => {
    if (server && server.exitCode === null) {
      const exited = once(server, "exit");
      // The whole group: npx and tsx start the server as a grandchild that a signal to npx misses.
      if (server.pid) process.kill(-server.pid, "SIGTERM");
      await exited;
    }
    await database.drop();
    fs.rmSync(work, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.on(signal, () => void cleanUp().finally(() => process.exit(130)));
  try {
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      FILE_STORAGE_DIR: path.join(work, "files"),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    await migrate(database.url);
    const prepared = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/prepare.ts"], {
      stdio: ["ignore", "ignore", "inherit"],
      env,
    });
    if (prepared.status !== 0) throw new Error("Seeding the demo organisation failed.");
    const large = benchOrganization(DEFAULT_SHAPE);
    await database.load(large.tables);
    const file = database.url.slice("file:".length);
    const sqlite = new Database(file);
    // The large organisation's owner signs in with the demo password.
    sqlite
      .prepare(
        `UPDATE "User" SET "passwordHash" = (SELECT "passwordHash" FROM "User" WHERE "email" = ?) WHERE "email" = ?`,
      )
      .run(DEMO_EMAIL, LARGE_EMAIL);
    const demoSlug = (
      sqlite
        .prepare(`SELECT "slug" FROM "Organization" WHERE "slug" <> ? ORDER BY "createdAt" LIMIT 1`)
        .get(large.orgSlug) as { slug: string }
    ).slug;
    sqlite.close();
    // What the job runner does at start and after each midnight: roll the maintained readiness
    // forward to today, so the pages read it as they do in production (JOBS_RUNNER is off below
    // to keep the scheduler out of the measurement).
    const ticked = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/jobs.ts"], {
      stdio: ["ignore", "ignore", "inherit"],
      env,
    });
    if (ticked.status !== 0) throw new Error("Rolling the maintained readiness forward failed.");
    console.log(
      `seeded: demo organisation ${demoSlug}, large organisation ${large.orgSlug} (${DEFAULT_SHAPE.controls} controls, ${DEFAULT_SHAPE.evidence} evidence)`,
    );

    const port = 3900 + Math.floor(Math.random() * 90);
    const base = `http://127.0.0.1:${port}`;
    server = spawn("npx", ["tsx", "scripts/serve.ts"], {
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...env,
        PORT: String(port),
        HOST: "127.0.0.1",
        APP_URL: base,
        NODE_ENV: "production",
        JOBS_RUNNER: "off",
        AUTH_SECRET: "bench-only-secret-not-for-production-use-0123456789",
      },
    });
    await waitForServer(base, server);
    const demoCookie = await signIn(base, DEMO_EMAIL);
    const largeCookie = await signIn(base, LARGE_EMAIL);

    const pagesOf = async (
      org: "demo" | "large",
      slug: string,
      cookie: string,
      engagementId?: string,
    ) => {
      const o = `/o/${slug}`;
      const engagement =
        engagementId ??
        firstMatch(
          await html(base, `${o}/engagements`, cookie),
          /\/engagements\/(c[a-z0-9]{20,})/,
          "engagement",
        );
      const overview = `${o}/engagements/${engagement}`;
      const requirement = firstMatch(
        await html(base, overview, cookie),
        /\/requirements\/([^"?#/]+)/,
        "requirement link",
      );
      const control = firstMatch(
        await html(base, `${o}/controls`, cookie),
        new RegExp(`${o}/controls/(c[a-z0-9]{6,})"`),
        "control link",
      );
      const targets: Target[] = [
        { org, name: "engagement dashboard", path: `${overview}/dashboard`, cookie },
        { org, name: "control library", path: `${o}/controls`, cookie },
        { org, name: "control page", path: `${o}/controls/${control}`, cookie },
        { org, name: "requirement page", path: `${overview}/requirements/${requirement}`, cookie },
        { org, name: "My work", path: `${o}/my-work`, cookie },
      ];
      return targets;
    };
    const targets = [
      ...(await pagesOf("demo", demoSlug, demoCookie)),
      ...(await pagesOf("large", large.orgSlug, largeCookie, large.engagementId)),
    ];
    const floorTarget: Target = { org: "floor", name: "/sign-in, signed out", path: "/sign-in" };

    console.log(`load: ${CONNECTIONS} connections, ${seconds} s per page, loopback`);
    const floorBefore = await load(base, floorTarget, seconds);
    console.log(`  floor /sign-in: ${fixed(floorBefore.rps)} req/s`);
    const measured: Measured[] = [];
    for (const target of targets) {
      measured.push(await load(base, target, seconds));
      const last = measured.at(-1);
      if (last)
        console.log(
          `  ${last.org} ${last.name}: ${fixed(last.rps)} req/s, p50 ${last.p50} ms, p99 ${last.p99} ms, alone ${fixed(last.aloneMs, 0)} ms, failed ${last.bad}`,
        );
    }
    const floorAfter = await load(base, floorTarget, seconds);
    const floorRps = (floorBefore.rps + floorAfter.rps) / 2;

    console.log("");
    console.log(
      `${"page".padEnd(30)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"floor÷page".padStart(11)} ${"JS kB gz".padStart(9)} ${"alone ms".padStart(9)}  failed`,
    );
    const row = (label: string, m: Measured) =>
      console.log(
        `${label.padEnd(30)} ${fixed(m.rps).padStart(8)} ${String(m.p50).padStart(8)} ${String(m.p99).padStart(8)} ${ratioText(floorRps, m).padStart(11)} ${fixed(m.jsKb).padStart(9)} ${fixed(m.aloneMs, 0).padStart(9)}  ${m.bad}`,
      );
    row("floor /sign-in (before)", floorBefore);
    row("floor /sign-in (after)", floorAfter);
    for (const m of measured) row(`${m.org} ${m.name}`, m);
    const bad = [...measured, floorBefore, floorAfter].filter((m) => m.bad > 0);
    if (bad.length)
      console.log(
        `note: requests that failed, answered non-2xx or took longer than autocannon's 10 s timeout on ${bad.map((m) => m.path).join(", ")}`,
      );
    const worst = (org: string) =>
      Math.max(...measured.filter((m) => m.org === org).map((m) => ratioOf(floorRps, m)));
    const jsMax = Math.max(...measured.map((m) => m.jsKb));
    console.log(
      `targets: demo pages ≤ 2.5× the floor, large-organisation pages ≤ 8×, first-load JS ≤ 150 kB gzip`,
    );
    console.log(
      `pages-bench worst_demo=${ratioFixed(worst("demo"))} worst_large=${ratioFixed(worst("large"))} first_load_kb=${fixed(jsMax, 0)}`,
    );
  } finally {
    await cleanUp();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
