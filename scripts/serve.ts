import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { stampPeer, startPeerStamping, trustedProxyHops } from "../lib/server/client-address";

// `npm start`: serves the production build like `next start`, and stamps every request with the
// address of the socket it came from (see lib/server/client-address.ts), which Next.js does not
// pass on. Anything a client sends in that header is overwritten. It also starts the scheduled
// jobs' loop (scripts/jobs.ts --loop) in a child process of its own, restarted if it stops,
// unless JOBS_RUNNER=off (when cron runs `npm run jobs:run-once` instead).

const port = Number(process.env.PORT ?? "3000");
// Every interface unless HOST names one (not HOSTNAME: containers set that to their own name).
const host = process.env.HOST?.trim() || undefined;

const JOBS_RESTART_MS = 10_000;

/** The scheduler loop in its own process (server code needs the react-server condition). */
function startJobs(): () => void {
  if (process.env.JOBS_RUNNER?.trim() === "off") return () => undefined;
  let stopping = false;
  let child: ChildProcess | undefined;
  const start = () => {
    child = fork(path.join(process.cwd(), "scripts", "jobs.ts"), ["--loop"], {
      execArgv: ["--import", "tsx", "--conditions=react-server"],
    });
    child.on("exit", (code) => {
      if (stopping) return;
      console.error(`[jobs] the scheduler stopped (exit ${code}); restarting in 10 s`);
      setTimeout(start, JOBS_RESTART_MS).unref();
    });
  };
  start();
  return () => {
    stopping = true;
    child?.kill("SIGTERM");
  };
}

async function main(): Promise<void> {
  trustedProxyHops(); // a bad TRUSTED_PROXY_HOPS stops the start, not the first sign-in
  const token = randomBytes(24).toString("hex");
  startPeerStamping(token);
  const app = next({ dev: false, hostname: host ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((request, response) => {
    stampPeer(token, request);
    void handle(request, response);
  });
  server.listen(port, host, () =>
    console.log(`Assay is listening on http://${host ?? "localhost"}:${port}`),
  );
  const stopJobs = startJobs();
  const stop = () => {
    stopJobs();
    server.close(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
