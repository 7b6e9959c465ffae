import "server-only";
import type { OrgContext } from "@/lib/db/context";
import { loadMyWork, type MyWork } from "@/lib/db/my-work";
import {
  DIGEST_DUE_DAYS,
  DIGEST_HOUR,
  digestDueOn,
  isDigestFrequency,
  renderDigest,
  type DigestContent,
  type DigestLine,
} from "@/lib/domain/digest";
import { localTime } from "@/lib/domain/job-schedule";
import { isRole } from "@/lib/domain/permissions";
import { addDays } from "@/lib/domain/readiness/calendar";
import { mailConfigured, sendMail } from "@/lib/server/mailer";
import { JobFailure, type JobDefinition, type JobOrganization } from "./definition";

// Reminder digests: from 07:00 in the organisation's time zone, one run per member who chose
// daily (every day) or weekly (Mondays), keyed `digest:<membership>:<day>`. Each member's mail
// is its own run, so a retry after one member's mail failed sends only that one again, and a
// mail that went out is never sent twice. Only while SMTP is configured; nothing is sent when
// there is nothing to say.

export const DIGEST_JOB = "digest";

const REQUEST_TEXT_LENGTH = 120;

type Member = { membershipId: string; email: string; name: string; ctx: OrgContext };

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= REQUEST_TEXT_LENGTH ? flat : `${flat.slice(0, REQUEST_TEXT_LENGTH - 1)}…`;
}

function digestLines(work: MyWork, today: string, base: string) {
  const control = (id: string) => `${base}/controls/${encodeURIComponent(id)}`;
  const missing: DigestLine[] = work.missing.flatMap((item) =>
    item.kind === "missing"
      ? [
          {
            text: `${item.engagement.name} · ${item.ref}: ${
              item.count === 1
                ? `${item.oldest.label} missing`
                : `${item.count} occurrences missing, the oldest ${item.oldest.label}`
            }`,
            href: control(item.controlId),
          },
        ]
      : [],
  );
  const horizon = addDays(today, DIGEST_DUE_DAYS);
  const dueSoon: DigestLine[] = work.dueSoon.flatMap((item) =>
    item.kind === "due_soon" && item.first.date <= horizon
      ? [
          {
            text: `${item.engagement.name} · ${item.ref}: ${item.first.label} due ${item.first.date}${
              item.count > 1 ? ` (${item.count} occurrences due by ${item.dueBy})` : ""
            }`,
            href: control(item.controlId),
          },
        ]
      : [],
  );
  const expiring: DigestLine[] = work.expiring.flatMap((item) =>
    item.kind === "expiring"
      ? [
          {
            text: `${item.engagement.name} · ${item.ref}: design evidence of ${item.latestEvidence} counts until ${item.expiresOn}`,
            href: control(item.controlId),
          },
        ]
      : [],
  );
  const requests: DigestLine[] = work.requests.map((request) => ({
    text: `${request.engagement.name} · ${request.control.ref}: ${shorten(request.body)}`,
    href: `${base}/requests`,
  }));
  return { missing, dueSoon, expiring, requests };
}

/** The public origin links are built from; digests are not sent without it. */
function appUrl(): string {
  const configured = process.env.APP_URL?.trim();
  if (!configured) throw new JobFailure("APP_URL is not set: digests need it for their links.");
  return configured.replace(/\/+$/, "");
}

async function sendDigest(
  organization: JobOrganization,
  member: Member,
  frequency: DigestContent["frequency"],
  today: string,
): Promise<void> {
  const base = `${appUrl()}/o/${encodeURIComponent(organization.slug)}`;
  const work = await loadMyWork(member.ctx, today);
  const mail = renderDigest({
    organizationName: organization.name,
    memberName: member.name,
    frequency,
    today,
    ...digestLines(work, today, base),
    settingsHref: `${base}/reminders`,
    myWorkHref: `${base}/my-work`,
  });
  if (!mail) return;
  if (!(await sendMail({ to: member.email, ...mail })))
    throw new JobFailure(`The mail server did not accept the digest for ${member.email}.`);
}

export const digestJob: JobDefinition = {
  name: DIGEST_JOB,
  leaseMs: 10 * 60_000,
  due: async ({ db, now, organizations }) => {
    if (!mailConfigured()) return [];
    const due = [];
    for (const organization of organizations) {
      const local = localTime(organization.timeZone, now);
      if (local.hour < DIGEST_HOUR) continue;
      const memberships = await db.membership.findMany({
        where: { organizationId: organization.id, digestFrequency: { not: "off" } },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          role: true,
          digestFrequency: true,
          user: { select: { id: true, email: true, name: true } },
        },
      });
      for (const membership of memberships) {
        const { role, digestFrequency: frequency } = membership;
        // Outside auditors own no controls; their requests are answered by the team.
        if (!isRole(role) || role === "auditor" || !isDigestFrequency(frequency)) continue;
        if (frequency === "off" || !digestDueOn(frequency, local.weekday)) continue;
        const member: Member = {
          membershipId: membership.id,
          email: membership.user.email,
          name: membership.user.name,
          ctx: {
            userId: membership.user.id,
            orgId: organization.id,
            orgSlug: organization.slug,
            orgName: organization.name,
            role,
          },
        };
        due.push({
          runKey: `digest:${membership.id}:${local.date}`,
          organizationId: organization.id,
          perform: () => sendDigest(organization, member, frequency, local.date),
        });
      }
    }
    return due;
  },
};
