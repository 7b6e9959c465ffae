import { format } from "node:util";

// Integration tests fail on an unexpected console.error or console.warn, like the end-to-end
// ones: a test that logs one must say it expects it (expectConsoleError in helpers.ts).
// The logic is plain functions over a console-like object so a unit test can drive it.

export type ConsoleLevel = "error" | "warn";
type Writable = Record<ConsoleLevel, (...args: unknown[]) => void>;

export type ConsoleGuard = {
  /** Lets messages matching `pattern` through for the rest of the current test. */
  expect: (pattern: RegExp) => void;
  /** Clears what was logged and expected; call before each test. */
  reset: () => void;
  /** The unexpected messages since the last reset, as one message (null when none). */
  unexpected: () => string | null;
  /** Puts the original methods back. */
  uninstall: () => void;
};

/** Replaces `target.error` and `target.warn` with recorders that still print unexpected lines. */
export function installConsoleGuard(target: Writable): ConsoleGuard {
  const original = { error: target.error, warn: target.warn };
  let logged: { level: ConsoleLevel; text: string }[] = [];
  let expected: RegExp[] = [];

  const record =
    (level: ConsoleLevel) =>
    (...args: unknown[]): void => {
      const text = format(...args);
      if (expected.some((pattern) => pattern.test(text))) return;
      logged.push({ level, text });
      original[level].apply(target, args);
    };
  // Plain assignment, not vi.spyOn: vi.restoreAllMocks() in a test must not remove the guard,
  // and a test's own spy layered on top still takes the calls while it is in place.
  target.error = record("error");
  target.warn = record("warn");

  return {
    expect: (pattern) => {
      expected.push(pattern);
    },
    reset: () => {
      logged = [];
      expected = [];
    },
    unexpected: () =>
      logged.length === 0
        ? null
        : `unexpected console output (declare it with expectConsoleError(/pattern/)):\n` +
          logged.map(({ level, text }) => `console.${level}: ${text}`).join("\n"),
    uninstall: () => {
      target.error = original.error;
      target.warn = original.warn;
    },
  };
}
