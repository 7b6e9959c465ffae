import "server-only";
import { headers } from "next/headers";

/** The public origin for links we hand out: APP_URL when set, else the request's host. */
export async function appOrigin(): Promise<string> {
  const configured = process.env.APP_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  const requestHeaders = await headers();
  const host =
    requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const protocol =
    requestHeaders.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${protocol}://${host}`;
}

/**
 * The origin for links sent by email that open an account (password reset, finishing a
 * sign-up): APP_URL. A request's Host header is the sender's to choose, so a link built from
 * it could point a victim's reset token at another site; outside production, where APP_URL is
 * often unset, the request's host is accepted.
 */
export async function mailLinkOrigin(): Promise<string | null> {
  if (process.env.APP_URL?.trim() || process.env.NODE_ENV !== "production") return appOrigin();
  console.error("[mail] APP_URL is not set: account links are not emailed without it.");
  return null;
}
