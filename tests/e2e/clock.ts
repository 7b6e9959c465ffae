import fs from "node:fs";
import path from "node:path";

/** The file the e2e server reads "today" from while it exists (ASSAY_CLOCK_FILE). */
export const E2E_CLOCK_FILE = path.resolve(
  "tmp",
  `e2e-clock-${process.env.E2E_PORT ?? "3100"}.txt`,
);

/** Moves the server's clock to `instant` for calendar dates ("today"). */
export function setServerClock(instant: Date): void {
  fs.mkdirSync(path.dirname(E2E_CLOCK_FILE), { recursive: true });
  fs.writeFileSync(E2E_CLOCK_FILE, instant.toISOString());
}

/** Back to the system clock. */
export function resetServerClock(): void {
  fs.rmSync(E2E_CLOCK_FILE, { force: true });
}
