/**
 * The client's address as reported by the reverse proxy in front of the app (first entry of
 * X-Forwarded-For, else X-Real-IP). Used only to key rate limits, never for authorisation.
 */
export function clientAddress(header: (name: string) => string | null | undefined): string {
  const forwarded = header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header("x-real-ip")?.trim() || "unknown";
}
