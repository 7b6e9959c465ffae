const PROBE_ORIGIN = "https://assay.invalid";

/**
 * Only same-site paths are followed after sign-in ("/o/acme", not "//evil.example" or a URL).
 * The path is also resolved the way a browser would, which drops tabs and newlines anywhere
 * ("/\t/evil.example" is "//evil.example"): it must stay on this site. Anything else (a
 * repeated query parameter arrives as an array) gets the fallback.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\")
  )
    return fallback;
  try {
    return new URL(value, PROBE_ORIGIN).origin === PROBE_ORIGIN ? value : fallback;
  } catch {
    return fallback;
  }
}
