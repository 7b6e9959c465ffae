// Names inside an evidence pack. Every path component comes from user text (control titles,
// evidence titles, uploaded file names), so each one is reduced to something every unzip tool
// and file system accepts as a plain name: no folders hidden inside it, no way out of the pack,
// nothing Windows refuses, nothing invisible.

/** Bytes, not characters: ext4, APFS and NTFS cap a name at 255; this leaves room for " (2)". */
export const MAX_NAME_BYTES = 150;

const FALLBACK = "untitled";
// Separators, characters Windows forbids in names, and characters with no visible form.
const FORBIDDEN = /[/\\<>:"|?*]/g;
// Control characters (C0, DEL, C1) and format characters (right-to-left overrides that
// disguise an extension, zero-width joiners…).
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
// CON, PRN, AUX, NUL, COM0-9, LPT0-9 (and their superscript-digit forms) are device names on
// Windows with or without an extension: "con.txt" cannot be created either.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9¹²³])(\..*)?$/i;
const EXTENSION = /\.[\p{L}\p{N}]{1,10}$/u;

type SafeNameOptions = { maxBytes?: number; fallback?: string };

/** `name` as one safe path component (never empty, never "." or "..", at most `maxBytes`). */
export function safeName(name: string, options: SafeNameOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_NAME_BYTES;
  const cleaned = trimName(
    name
      .normalize("NFC")
      .replace(INVISIBLE, (char) => (/\s/.test(char) ? " " : ""))
      .replace(FORBIDDEN, "_")
      .replace(/\s+/g, " "),
  );
  const named = cleaned === "" ? (options.fallback ?? FALLBACK) : cleaned;
  const allowed = WINDOWS_RESERVED.test(named) ? `_${named}` : named;
  return fitName(allowed, "", maxBytes);
}

type UniqueNameOptions = {
  maxBytes?: number;
  /** Where to start counting (a hint; default 2). */ firstSuffix?: number;
};

/**
 * `name` itself when no name in `taken` (keys from `nameKey`) matches it, otherwise the first
 * free "stem (2).ext", "stem (3).ext"… still within `maxBytes`. Pure: the caller records the
 * result's key. A caller naming many duplicates passes `firstSuffix` to skip the ones it knows
 * are used, so that n copies of one name cost O(n), not O(n²).
 */
export function uniqueName(
  name: string,
  taken: ReadonlySet<string>,
  options: UniqueNameOptions = {},
): string {
  if (!taken.has(nameKey(name))) return name;
  const maxBytes = options.maxBytes ?? MAX_NAME_BYTES;
  for (let n = Math.max(2, options.firstSuffix ?? 2); ; n++) {
    const candidate = fitName(name, ` (${n})`, maxBytes);
    if (!taken.has(nameKey(candidate))) return candidate;
  }
}

/** Two names that collide on a case-insensitive file system share a key. */
export function nameKey(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/**
 * A path inside an archive that unpacks where it says: relative, "/"-separated, no empty, "."
 * or ".." components, no backslashes or control characters. Used to check what a pack claims.
 */
export function isSafeArchivePath(path: string): boolean {
  if (path === "" || path.startsWith("/") || /^[a-z]:/i.test(path) || path.includes("\\"))
    return false;
  if (/\p{Cc}/u.test(path)) return false;
  return path.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}

function trimName(name: string): string {
  // Leading dots hide a file (or make ".."); Windows drops trailing dots and spaces.
  return name.replace(/^[\s.]+/, "").replace(/[\s.]+$/, "");
}

/** Inserts `suffix` before the extension and cuts the stem so the whole fits in `maxBytes`. */
function fitName(name: string, suffix: string, maxBytes: number): string {
  const extension = name.match(EXTENSION)?.[0] ?? "";
  const stem = name.slice(0, name.length - extension.length);
  const room = maxBytes - byteLength(suffix) - byteLength(extension);
  if (room <= 0) return cutToBytes(`${stem}${suffix}`, maxBytes);
  const cut = cutToBytes(stem, room);
  const kept = suffix === "" && cut !== stem ? trimName(cut) : cut;
  return `${kept === "" ? FALLBACK.slice(0, room) : kept}${suffix}${extension}`;
}

/** The longest prefix of whole code points within `maxBytes` of UTF-8. */
function cutToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let bytes = 0;
  let out = "";
  for (const char of text) {
    bytes += byteLength(char);
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
