import { describe, expect, it } from "vitest";
import { loadShell } from "@/lib/server/shell";
import { makeAuditedOrg } from "./auditor-fixture";

// The layout's one call: the navigation for the member's role with its counts, their
// organisations for the switcher and, for an auditor, the notice of when their access ends.

const labels = (shell: Awaited<ReturnType<typeof loadShell>>) =>
  shell.nav.map((item) => item.label);

describe("loadShell", () => {
  it("gives an owner the whole navigation, their organisations and no notice", async () => {
    const { owner, team } = await makeAuditedOrg();
    const shell = await loadShell(team, owner);
    expect(labels(shell)).toEqual([
      "Overview",
      "My work",
      "Reminders",
      "Engagements",
      "Controls",
      "Objectives",
      "SOC 2 criteria",
      "Auditor requests",
      "Verify a pack",
      "Members",
      "Auditors",
      "Activity",
      "Settings",
    ]);
    expect(shell.nav[0]).toEqual({ href: `/o/${team.orgSlug}`, label: "Overview", exact: true });
    expect(shell.organizations.map((org) => org.slug)).toEqual([team.orgSlug]);
    expect(shell.notice).toBeNull();
  });

  it("gives an auditor their engagements and requests only, with the notice", async () => {
    const { auditor } = await makeAuditedOrg();
    const shell = await loadShell(auditor.ctx, auditor.user);
    expect(labels(shell)).toEqual(["Engagements", "Auditor requests", "Verify a pack"]);
    expect(shell.notice).not.toBeNull();
  });
});
