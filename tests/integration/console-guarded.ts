import { installConsoleGuard } from "./console-guard";

/** The integration project's one guard over the real console (installed by setup.ts's import). */
export const consoleGuard = installConsoleGuard(console);
