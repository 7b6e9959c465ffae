import { describe, expect, it } from "vitest";
import { paperworkFileBase } from "@/lib/domain/export/paperwork";
import { exportFileName } from "@/lib/domain/export/snapshot";
import {
  SLUG_MAX,
  SLUG_MIN,
  asciiHyphenated,
  firstFreeSlug,
  isValidSlug,
  slugify,
} from "@/lib/domain/slug";

const RESERVED = ["new", "api", "admin", "settings", "invite", "o", "sign-in", "sign-up"];

describe("slugify", () => {
  it.each([
    ["Acme Payments, Inc.", "acme-payments-inc"],
    ["Crème Brûlée Café", "creme-brulee-cafe"],
    ["ﬁnance Ｏｐｓ", "finance-ops"],
    ["  --Acme!!  ", "acme"],
    ["...Acme & Co...", "acme-co"],
    ["a__b  c--d", "a-b-c-d"],
    ["Team 42", "team-42"],
    ["ABC", "abc"],
    ["Kraków Łódź Type II", "krakow-lodz-type-ii"],
    ["Łódź Straße Ærø", "lodz-strasse-aero"],
    ["Þórður Đặng Œuvre ıi", "thordur-dang-oeuvre-ii"],
  ])("turns %j into %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("truncates very long names to SLUG_MAX characters", () => {
    const slug = slugify("a".repeat(100));
    expect(slug).toBe("a".repeat(SLUG_MAX));
  });

  it("never ends a truncated slug with a hyphen", () => {
    // The 48th character is the hyphen between the two words.
    const name = `${"a".repeat(SLUG_MAX - 1)} ${"b".repeat(20)}`;
    const slug = slugify(name);
    expect(slug).toBe("a".repeat(SLUG_MAX - 1));
    expect(isValidSlug(slug)).toBe(true);
  });

  it("keeps a hyphen that falls inside the limit", () => {
    const name = `${"a".repeat(SLUG_MAX - 3)} bcdef`;
    expect(slugify(name)).toBe(`${"a".repeat(SLUG_MAX - 3)}-bc`);
  });

  it.each([
    ["AB", "ab-org"],
    ["x", "x-org"],
    ["O", "o-org"],
    ["!!", "org-org"],
    ["日本語", "org-org"],
    ["", "org-org"],
  ])("pads the too-short %j to the valid %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each(RESERVED)("moves the reserved %j out of the way", (word) => {
    const slug = slugify(word.toUpperCase());
    expect(slug).toBe(`${word}-org`);
    expect(isValidSlug(slug)).toBe(true);
  });

  it("returns a valid slug for a spread of awkward names", () => {
    const names = [
      "Sign In",
      "  ",
      "—",
      "Ünïcödé",
      "a-b",
      "3M",
      "API",
      `${"ab-".repeat(40)}`,
      "x".repeat(49),
    ];
    for (const name of names) expect(isValidSlug(slugify(name)), name).toBe(true);
  });
});

describe("isValidSlug", () => {
  it.each([
    ["abc", true],
    ["ab", false],
    ["a".repeat(SLUG_MIN), true],
    ["a".repeat(SLUG_MIN - 1), false],
    ["a".repeat(SLUG_MAX), true],
    ["a".repeat(SLUG_MAX + 1), false],
    ["acme-payments", true],
    ["acme-2", true],
    ["123", true],
    ["", false],
    ["Acme", false],
    ["acmE", false],
    ["acme--payments", false],
    ["-acme", false],
    ["acme-", false],
    ["acme_payments", false],
    ["acme payments", false],
    ["acme.payments", false],
    ["crème", false],
    ["acme/x", false],
  ])("%j → %s", (slug, valid) => {
    expect(isValidSlug(slug)).toBe(valid);
  });

  it("pins the length limits", () => {
    expect([SLUG_MIN, SLUG_MAX]).toEqual([3, 48]);
  });

  it.each(RESERVED.filter((word) => word.length >= SLUG_MIN))("rejects the reserved %j", (word) => {
    expect(isValidSlug(word)).toBe(false);
  });

  it("accepts names that merely contain a reserved word", () => {
    expect(isValidSlug("new-org")).toBe(true);
    expect(isValidSlug("admins")).toBe(true);
  });
});

describe("firstFreeSlug", () => {
  it("returns the base when it is free", () => {
    expect(firstFreeSlug("acme", new Set(["acme-2", "other"]))).toBe("acme");
  });

  it("appends -2 when the base is taken", () => {
    expect(firstFreeSlug("acme", new Set(["acme"]))).toBe("acme-2");
  });

  it("counts up past every taken suffix", () => {
    expect(firstFreeSlug("acme", new Set(["acme", "acme-2"]))).toBe("acme-3");
    expect(firstFreeSlug("acme", new Set(["acme", "acme-2", "acme-3", "acme-4"]))).toBe("acme-5");
  });

  it("fills the first gap rather than the highest number", () => {
    expect(firstFreeSlug("acme", new Set(["acme", "acme-3"]))).toBe("acme-2");
  });

  it("shortens a maximum-length base so the suffix still fits", () => {
    const base = "a".repeat(SLUG_MAX);
    const slug = firstFreeSlug(base, new Set([base]));
    expect(slug).toBe(`${"a".repeat(SLUG_MAX - 2)}-2`);
    expect(slug).toHaveLength(SLUG_MAX);
    expect(isValidSlug(slug)).toBe(true);
  });

  it("keeps two-digit suffixes within SLUG_MAX too", () => {
    const base = "a".repeat(SLUG_MAX);
    const taken = new Set([
      base,
      ...Array.from({ length: 8 }, (_, i) => `${"a".repeat(SLUG_MAX - 2)}-${i + 2}`),
    ]);
    const slug = firstFreeSlug(base, taken);
    expect(slug).toBe(`${"a".repeat(SLUG_MAX - 3)}-10`);
    expect(isValidSlug(slug)).toBe(true);
  });

  it("does not leave a double hyphen where the cut lands on a hyphen", () => {
    // Cutting to SLUG_MAX - 2 characters ends on the hyphen before "b".
    const base = `${"a".repeat(SLUG_MAX - 3)}-bb`;
    const slug = firstFreeSlug(base, new Set([base]));
    expect(slug).toBe(`${"a".repeat(SLUG_MAX - 3)}-2`);
    expect(isValidSlug(slug)).toBe(true);
  });
});

describe("one transliteration for slugs and file names", () => {
  it.each([
    ["ł Ł ß æ Æ ø Ø ı đ Đ þ Þ œ Œ", "l-l-ss-ae-ae-o-o-i-d-d-th-th-oe-oe"],
    ["Šťastný Ñandú Ångström", "stastny-nandu-angstrom"],
    ["日本", ""],
  ])("turns %j into %j", (text, ascii) => {
    expect(asciiHyphenated(text)).toBe(ascii);
  });

  it("names export files with the engagement's letters transliterated", () => {
    expect(exportFileName("acme", "Kraków Łódź Type II", "pack", "2026-07-15")).toBe(
      "acme-krakow-lodz-type-ii-evidence-pack-2026-07-15.zip",
    );
    expect(paperworkFileBase("bridge", "Łódź Straße Ærø", "2026-07-15")).toBe(
      "bridge-letter-draft-lodz-strasse-aero-2026-07-15",
    );
    expect(exportFileName("acme", "日本", "json", "2026-07-15")).toMatch(/^acme-engagement-/);
  });
});
