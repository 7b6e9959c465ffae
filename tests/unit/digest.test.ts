import { describe, expect, it } from "vitest";
import { digestDueOn, renderDigest, type DigestContent } from "@/lib/domain/digest";

const content = (overrides: Partial<DigestContent> = {}): DigestContent => ({
  organizationName: "Northwind",
  memberName: "Ada",
  frequency: "weekly",
  today: "2026-04-13",
  missing: [],
  dueSoon: [],
  expiring: [],
  requests: [],
  settingsHref: "https://a.example/o/n/reminders",
  myWorkHref: "https://a.example/o/n/my-work",
  ...overrides,
});

describe("digest", () => {
  it("is due daily every day and weekly on Mondays only; never when off", () => {
    expect([1, 2, 7].map((day) => digestDueOn("daily", day))).toEqual([true, true, true]);
    expect([1, 2, 7].map((day) => digestDueOn("weekly", day))).toEqual([true, false, false]);
    expect(digestDueOn("off", 1)).toBe(false);
  });

  it("says nothing when there is nothing to say", () => {
    expect(renderDigest(content())).toBeNull();
  });

  it("lists only the sections with items, and escapes the HTML", () => {
    const mail = renderDigest(
      content({
        expiring: [{ text: "AC-01 <design>", href: "https://a.example/o/n/controls/c1?a=1&b=2" }],
      }),
    );
    expect(mail?.subject).toBe("Weekly reminders for Northwind: 1 item");
    expect(mail?.text).toContain("Design evidence about to expire (1)");
    expect(mail?.text).not.toContain("Missing evidence");
    expect(mail?.html).toContain(
      '<a href="https://a.example/o/n/controls/c1?a=1&amp;b=2">AC-01 &lt;design&gt;</a>',
    );
  });
});
