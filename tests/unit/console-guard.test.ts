import { describe, expect, it } from "vitest";
import { installConsoleGuard } from "../integration/console-guard";

// The integration setup fails a test with guard.unexpected()'s message; these tests drive the
// guard over a fake console so a stray console.error is shown to produce that failure.

function fakeConsole() {
  const printed: string[] = [];
  return {
    printed,
    error: (...args: unknown[]) => void printed.push(`error ${args.join(" ")}`),
    warn: (...args: unknown[]) => void printed.push(`warn ${args.join(" ")}`),
  };
}

describe("the integration console guard", () => {
  it("reports a stray console.error and console.warn, and still prints them", () => {
    const target = fakeConsole();
    const guard = installConsoleGuard(target);
    target.error("export %s failed", "r1", { id: 7 });
    target.warn("slow query");

    expect(guard.unexpected()).toBe(
      "unexpected console output (declare it with expectConsoleError(/pattern/)):\n" +
        "console.error: export r1 failed { id: 7 }\nconsole.warn: slow query",
    );
    expect(target.printed).toEqual([
      "error export %s failed r1 [object Object]",
      "warn slow query",
    ]);
  });

  it("lets an expected message through silently, and only that one", () => {
    const target = fakeConsole();
    const guard = installConsoleGuard(target);
    guard.expect(/checkpoint .* already stored/);
    target.error("[activity checkpoint a] a different copy is already stored");
    expect(guard.unexpected()).toBeNull();
    expect(target.printed).toEqual([]);

    target.error("something else broke");
    expect(guard.unexpected()).toMatch(/console\.error: something else broke/);
  });

  it("forgets what was logged and expected on reset (each test starts clean)", () => {
    const target = fakeConsole();
    const guard = installConsoleGuard(target);
    guard.expect(/known/);
    target.error("boom");
    guard.reset();
    expect(guard.unexpected()).toBeNull();
    target.error("known problem");
    expect(guard.unexpected()).toMatch(/known problem/);
  });

  it("puts the original methods back on uninstall", () => {
    const target = fakeConsole();
    const { error } = target;
    const guard = installConsoleGuard(target);
    guard.uninstall();
    expect(target.error).toBe(error);
  });
});
