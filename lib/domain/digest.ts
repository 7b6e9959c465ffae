// The reminder digest a member receives by email (issue 13, section 3): what is missing, what
// comes due in the next 7 days, design evidence about to expire and the auditors' open requests
// on their controls, each with an absolute link. Pure: the content comes in as data.

export const DIGEST_FREQUENCIES = ["off", "daily", "weekly"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export function isDigestFrequency(value: string): value is DigestFrequency {
  return (DIGEST_FREQUENCIES as readonly string[]).includes(value);
}

/** Open occurrences due at most this many days ahead are in the digest. */
export const DIGEST_DUE_DAYS = 7;

/** The organisation's local hour at which digests go out. */
export const DIGEST_HOUR = 7;

/** Whether a member with `frequency` gets a digest on a day with ISO `weekday` (Monday 1). */
export function digestDueOn(frequency: DigestFrequency, weekday: number): boolean {
  if (frequency === "daily") return true;
  return frequency === "weekly" && weekday === 1;
}

export type DigestLine = { text: string; href: string };

export type DigestContent = {
  organizationName: string;
  memberName: string;
  frequency: Exclude<DigestFrequency, "off">;
  /** The organisation's date the digest is for. */
  today: string;
  missing: DigestLine[];
  dueSoon: DigestLine[];
  expiring: DigestLine[];
  requests: DigestLine[];
  /** Where the member changes how often the digest comes. */
  settingsHref: string;
  myWorkHref: string;
};

export type DigestMail = { subject: string; text: string; html: string };

type Section = { title: string; lines: DigestLine[] };

function sections(content: DigestContent): Section[] {
  return [
    { title: "Missing evidence", lines: content.missing },
    { title: `Due in the next ${DIGEST_DUE_DAYS} days`, lines: content.dueSoon },
    { title: "Design evidence about to expire", lines: content.expiring },
    { title: "Open auditor requests", lines: content.requests },
  ].filter((section) => section.lines.length > 0);
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** The digest's mail, or null when there is nothing to say (no mail is sent then). */
export function renderDigest(content: DigestContent): DigestMail | null {
  const parts = sections(content);
  if (parts.length === 0) return null;
  const count = parts.reduce((sum, section) => sum + section.lines.length, 0);
  const period = content.frequency === "daily" ? "Daily" : "Weekly";
  const subject = `${period} reminders for ${content.organizationName}: ${count} item${count === 1 ? "" : "s"}`;
  const intro = `Hello ${content.memberName}, here is your work in ${content.organizationName} as of ${content.today}.`;
  const footer = `You receive this ${content.frequency}. To change that, go to ${content.settingsHref}`;
  const text = [
    intro,
    "",
    ...parts.flatMap((section) => [
      `${section.title} (${section.lines.length})`,
      ...section.lines.map((line) => `- ${line.text}: ${line.href}`),
      "",
    ]),
    `All your work: ${content.myWorkHref}`,
    "",
    footer,
    "",
  ].join("\n");
  const link = (line: DigestLine) =>
    `<li><a href="${escapeHtml(line.href)}">${escapeHtml(line.text)}</a></li>`;
  const html = [
    `<!doctype html><html><body style="font-family:sans-serif">`,
    `<p>${escapeHtml(intro)}</p>`,
    ...parts.map(
      (section) =>
        `<h2 style="font-size:16px">${escapeHtml(section.title)} (${section.lines.length})</h2><ul>${section.lines.map(link).join("")}</ul>`,
    ),
    `<p><a href="${escapeHtml(content.myWorkHref)}">All your work</a></p>`,
    `<p style="color:#6b7280;font-size:12px">You receive this ${content.frequency}. <a href="${escapeHtml(content.settingsHref)}">Change how often</a>.</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}
