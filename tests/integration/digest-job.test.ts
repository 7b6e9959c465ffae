import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { addNoteEvidence } from "@/lib/db/evidence";
import { setControlMappings } from "@/lib/db/mappings";
import { digestJob } from "@/lib/jobs/digest-job";
import { runDueJobs } from "@/lib/jobs/runner";
import {
  addMember,
  criterion,
  expectConsoleError,
  makeControl,
  makeEngagement,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";
import { startSmtpServer } from "./smtp";

// Reminder digests delivered to a real SMTP server on loopback. Monday 13 April 2026 in UTC:
// a quarterly control owes 2026-Q1 (missing), a weekly one's current week ends on the 19th (due from the 20th).

const APP_URL = "https://assay.example";
const MONDAY_0730 = new Date("2026-04-13T07:30:00Z");
const quiet = { log: () => undefined, error: () => undefined };

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const refused = new Set<string>();
const saved = { smtp: process.env.SMTP_URL, app: process.env.APP_URL };

beforeAll(async () => {
  smtp = await startSmtpServer({ refuse: (address) => refused.has(address) });
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = APP_URL;
});

afterAll(async () => {
  process.env.SMTP_URL = saved.smtp;
  process.env.APP_URL = saved.app;
  await smtp.stop();
});

const tick = (at: Date) => runDueJobs(getDb(), [digestJob], () => at, quiet);
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
const mailsTo = (email: string) => smtp.inbox.filter((mail) => mail.to === email);

async function ownedWork(ctx: OrgContext, ownerId: string, ref: string) {
  const quarterly = await makeControl(ctx, {
    ref,
    status: "implemented",
    ownerId,
    description: "Access is reviewed every quarter.",
    frequency: "quarterly",
  });
  await setControlMappings(ctx, quarterly.id, [criterion("CC6.1")], []);
  await addNoteEvidence(
    ctx,
    noteEvidenceInput([quarterly.id], { purpose: "design", effectiveDate: "2026-01-15" }),
  );
  return quarterly.id;
}

async function setFrequency(orgId: string, userId: string, digestFrequency: string) {
  await getDb().membership.update({
    where: { organizationId_userId: { organizationId: orgId, userId } },
    data: { digestFrequency },
  });
}

describe("reminder digest", () => {
  it("mails each member's own work, with links, in text and HTML; off and empty digests send nothing", async () => {
    const ctx = await makeOrg(undefined, "Northwind Payments");
    const owner = (await getDb().user.findUniqueOrThrow({ where: { id: ctx.userId } })).email;
    const engagement = await makeEngagement(ctx, { name: "SOC 2 2026" });
    const controlId = await ownedWork(ctx, ctx.userId, "AC-01");
    await getDb().auditorRequest.create({
      data: {
        organizationId: ctx.orgId,
        engagementId: engagement.id,
        controlId,
        body: "Please send the <Q1> access review sign-off.",
        status: "open",
        createdById: ctx.userId,
      },
    });
    const idle = await addMember(ctx, "editor"); // daily, owns nothing
    await setFrequency(ctx.orgId, idle.user.userId, "daily");
    const off = await addMember(ctx, "editor"); // owns work but chose off
    await setFrequency(ctx.orgId, off.user.userId, "off");
    await ownedWork(ctx, off.user.userId, "AC-02");

    await tick(minutesAfter(MONDAY_0730, -31)); // 06:59: not yet
    expect(mailsTo(owner)).toHaveLength(0);
    await tick(MONDAY_0730);
    await tick(minutesAfter(MONDAY_0730, 60));

    const [mail, ...more] = mailsTo(owner);
    expect(more).toHaveLength(0);
    expect(mail?.subject).toBe("Weekly reminders for Northwind Payments: 2 items");
    const controlLink = `${APP_URL}/o/${ctx.orgSlug}/controls/${controlId}`;
    expect(mail?.text).toContain("Missing evidence (1)");
    expect(mail?.text).toContain(`- SOC 2 2026 · AC-01: 2026-Q1 missing: ${controlLink}`);
    expect(mail?.text).toContain("Open auditor requests (1)");
    expect(mail?.text).toContain(
      `- SOC 2 2026 · AC-01: Please send the <Q1> access review sign-off.: ${APP_URL}/o/${ctx.orgSlug}/requests`,
    );
    expect(mail?.text).toContain(`${APP_URL}/o/${ctx.orgSlug}/reminders`);
    expect(mail?.html).toContain(
      `<a href="${controlLink}">SOC 2 2026 · AC-01: 2026-Q1 missing</a>`,
    );
    expect(mail?.html).toContain("Please send the &lt;Q1&gt; access review sign-off.");
    expect(mailsTo(idle.user.email)).toHaveLength(0);
    expect(mailsTo(off.user.email)).toHaveLength(0);
  });

  it("lists occurrences due in the next 7 days, and sends daily digests on other days than Monday", async () => {
    const ctx = await makeOrg();
    await makeEngagement(ctx, { name: "Weekly work" });
    const member = await addMember(ctx, "editor");
    await setFrequency(ctx.orgId, member.user.userId, "daily");
    const weekly = await makeControl(ctx, {
      ref: "OPS-07",
      status: "implemented",
      ownerId: member.user.userId,
      description: "Backups are checked every week.",
      frequency: "weekly",
    });
    await setControlMappings(ctx, weekly.id, [criterion("CC7.1")], []);
    const tuesday = new Date("2026-04-14T09:00:00Z");
    await tick(tuesday);
    const mail = mailsTo(member.user.email)[0];
    expect(mail?.subject).toMatch(/^Daily reminders for /);
    expect(mail?.text).toContain("Due in the next 7 days (1)");
    // The due date as My work gives it: the first day the occurrence counts as missing.
    expect(mail?.text).toContain("OPS-07: 2026-W16 due 2026-04-20");
    // The owner (weekly) gets nothing on a Tuesday.
    const owner = (await getDb().user.findUniqueOrThrow({ where: { id: ctx.userId } })).email;
    expect(mailsTo(owner)).toHaveLength(0);
  });

  it("retries a digest the mail server refused, without sending the others twice", async () => {
    expectConsoleError(/\[mail\] could not send: .*550 Mailbox unavailable/);
    const ctx = await makeOrg();
    const owner = (await getDb().user.findUniqueOrThrow({ where: { id: ctx.userId } })).email;
    await makeEngagement(ctx);
    await ownedWork(ctx, ctx.userId, "AC-05");
    const member = await addMember(ctx, "editor");
    await ownedWork(ctx, member.user.userId, "AC-06");
    refused.add(member.user.email);
    await tick(MONDAY_0730);
    expect(mailsTo(owner)).toHaveLength(1);
    expect(mailsTo(member.user.email)).toHaveLength(0);
    const failed = await getDb().jobRun.findFirstOrThrow({
      where: { job: "digest", organizationId: ctx.orgId, status: "failed" },
    });
    expect(failed.error).toBe(
      `The mail server did not accept the digest for ${member.user.email}.`,
    );

    refused.delete(member.user.email);
    await tick(minutesAfter(MONDAY_0730, 6)); // after the 5-minute backoff
    await tick(minutesAfter(MONDAY_0730, 60));
    expect(mailsTo(owner)).toHaveLength(1);
    expect(mailsTo(member.user.email)).toHaveLength(1);
    expect(mailsTo(member.user.email)[0]?.text).toContain("AC-06: 2026-Q1 missing");
  });

  it("sends nothing while SMTP is not configured", async () => {
    const ctx = await makeOrg();
    await makeEngagement(ctx);
    await ownedWork(ctx, ctx.userId, "AC-09");
    process.env.SMTP_URL = "";
    try {
      const report = await tick(MONDAY_0730);
      expect(report.ran).toBe(0);
    } finally {
      process.env.SMTP_URL = smtp.url;
    }
    expect(
      await getDb().jobRun.count({ where: { job: "digest", organizationId: ctx.orgId } }),
    ).toBe(0);
  });
});
