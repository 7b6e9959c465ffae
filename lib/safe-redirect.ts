/** Only same-site paths are followed after sign-in ("/o/acme", not "//evil.example" or a URL). */
export function safeRedirectPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
