// Organisation slugs: the `[orgSlug]` in /o/[orgSlug]/…

export const SLUG_MIN = 3;
export const SLUG_MAX = 48;
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RESERVED = new Set(["new", "api", "admin", "settings", "invite", "o", "sign-in", "sign-up"]);

// Letters that do not decompose into a base letter and marks, written as their usual Latin
// spelling. Everything else loses its marks after NFKD.
const TRANSLITERATION: Readonly<Record<string, string>> = {
  ł: "l",
  Ł: "l",
  ß: "ss",
  ẞ: "ss",
  æ: "ae",
  Æ: "ae",
  ø: "o",
  Ø: "o",
  ı: "i",
  đ: "d",
  Đ: "d",
  ð: "d",
  Ð: "d",
  þ: "th",
  Þ: "th",
  œ: "oe",
  Œ: "oe",
  ħ: "h",
  Ħ: "h",
  ŧ: "t",
  Ŧ: "t",
};
const UNDECOMPOSED = new RegExp(`[${Object.keys(TRANSLITERATION).join("")}]`, "g");

/**
 * Lower-case ASCII words joined by hyphens, the one transliteration for slugs and file names:
 * "Kraków Łódź Type II" → "krakow-lodz-type-ii", "Łódź Straße Ærø" → "lodz-strasse-aero".
 */
export function asciiHyphenated(text: string): string {
  return text
    .replace(UNDECOMPOSED, (char) => TRANSLITERATION[char] ?? "")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Turns a display name into a slug candidate ("Acme Payments, Inc." → "acme-payments-inc"). */
export function slugify(name: string): string {
  const base = asciiHyphenated(name).slice(0, SLUG_MAX).replace(/-+$/g, "");
  if (base.length >= SLUG_MIN && !RESERVED.has(base)) return base;
  return `${base || "org"}-org`.replace(/^-/, "");
}

export function isValidSlug(slug: string): boolean {
  return (
    slug.length >= SLUG_MIN &&
    slug.length <= SLUG_MAX &&
    SLUG_PATTERN.test(slug) &&
    !RESERVED.has(slug)
  );
}

/** The first of `base`, `base-2`, `base-3`, … that is not in `taken`. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
