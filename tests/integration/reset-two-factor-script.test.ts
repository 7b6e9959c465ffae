import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { startSession } from "@/lib/db/sessions";
import { getTwoFactorStatus } from "@/lib/db/two-factor";
import { enrolmentRequiredBy, setRequireTwoFactor } from "@/lib/db/two-factor-policy";
import { actions, addMember, makeOrg, makeUser } from "./helpers";
import { enrolledUser } from "./two-factor-fixture";

// `npm run user:reset-two-factor`, run as the operator would, against this test's database.

function runScript(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "npx",
      ["tsx", "--conditions=react-server", "scripts/reset-two-factor.ts", ...args],
      { env: process.env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run user:reset-two-factor", () => {
  it("turns two-factor off for someone who lost device and codes, signs them out, logs it; a requiring organisation sends them to enrol again", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    await enrolledUser(owner);
    const member = await addMember(ctx, "editor");
    await enrolledUser(member.user);
    await setRequireTwoFactor(ctx, true);
    await startSession(member.user.userId, { userAgent: null, address: null }, new Date());

    const { code, stdout } = await runScript([member.user.email.toUpperCase()]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      `Two-factor turned off for ${member.user.email}; 1 signed-in device signed out.`,
    );
    expect((await getTwoFactorStatus(member.user)).enabledAt).toBeNull();
    expect(await getDb().recoveryCode.count({ where: { userId: member.user.userId } })).toBe(0);
    expect(
      await getDb().authSession.count({ where: { userId: member.user.userId, revokedAt: null } }),
    ).toBe(0);
    expect(await actions(ctx.orgId)).toContain("user.two_factor_reset_by_operator");
    expect(await enrolmentRequiredBy(member.user.userId)).toBe(ctx.orgName);
  });

  it("says so for an unknown email or an account without two-factor, changing nothing", async () => {
    const unknown = await runScript(["nobody@example.test"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No account has the email nobody@example.test.");
    const user = await makeUser();
    const without = await runScript([user.email]);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain("Two-factor is not on");
  });
});
