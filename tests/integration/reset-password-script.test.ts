import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { previewPasswordReset, resetPassword } from "@/lib/db/password-reset";
import { AuthClient } from "./auth-client";
import { TEST_PASSWORD, actions, makeOrg, makeUser, uniqueEmail } from "./helpers";

// `npm run user:reset-password`, run as the operator would, against this test's database.

function runScript(
  args: string[],
  stdin = "",
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/reset-password.ts", ...args],
      {
        env: { ...process.env, APP_URL: "https://assay.example" },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe("npm run user:reset-password", () => {
  it("prints a one-hour link on APP_URL that resets the password", async () => {
    const user = await makeUser();
    const ctx = await makeOrg(user);
    const { code, stdout } = await runScript([user.email]);
    expect(code).toBe(0);
    const token = /https:\/\/assay\.example\/reset-password\/(\S+)/.exec(stdout)?.[1] ?? "";
    expect(await previewPasswordReset(token, new Date())).toEqual({ email: user.email });
    await resetPassword(token, "chosen after the operator's link", new Date());
    expect(await new AuthClient().signIn(user.email, "chosen after the operator's link")).toEqual({
      error: null,
    });
    expect(await actions(ctx.orgId)).toEqual(
      expect.arrayContaining(["user.password_reset_link_issued", "user.password_reset"]),
    );
  });

  it("sets a password read from stdin and signs every device out", async () => {
    const user = await makeUser();
    const laptop = new AuthClient();
    await laptop.signIn(user.email, TEST_PASSWORD);
    const { code, stdout } = await runScript(
      [user.email, "--password-stdin"],
      "typed by the operator\n",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Password set");
    expect(
      await getDb().authSession.count({ where: { userId: user.userId, revokedAt: null } }),
    ).toBe(0);
    expect(await new AuthClient().signIn(user.email, "typed by the operator")).toEqual({
      error: null,
    });
  });

  it("fails clearly for an unknown email or a short password", async () => {
    const unknown = await runScript([uniqueEmail("nobody")]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No account has the email/);
    const user = await makeUser();
    const short = await runScript([user.email, "--password-stdin"], "short\n");
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 12 characters/);
  });
});
