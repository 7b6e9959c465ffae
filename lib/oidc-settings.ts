// Single sign-on configuration from the environment: OIDC_ISSUER, OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET and OIDC_NAME (the button's "Sign in with <name>"). All unset: no SSO.
// Partly set or malformed: a clear error naming the variable.

import type { Env } from "./settings";

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
};

const VARIABLES = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_NAME"] as const;
const NAME_MAX = 60;

export function oidcSettings(env: Env = process.env): OidcSettings | null {
  const values = Object.fromEntries(VARIABLES.map((name) => [name, env[name]?.trim() ?? ""]));
  const set = VARIABLES.filter((name) => values[name] !== "");
  if (set.length === 0) return null;
  const missing = VARIABLES.filter((name) => values[name] === "");
  if (missing.length > 0)
    throw new Error(
      `Single sign-on is half configured: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set (set all of ${VARIABLES.join(", ")}, or none).`,
    );
  const issuer = values.OIDC_ISSUER ?? "";
  if (!URL.canParse(issuer))
    throw new Error(`OIDC_ISSUER must be the identity provider's URL, not "${issuer}".`);
  const url = new URL(issuer);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    throw new Error(
      `OIDC_ISSUER must be an https:// URL (plain http only on localhost), not "${issuer}".`,
    );
  if (url.search || url.hash)
    throw new Error(`OIDC_ISSUER must not have a query or fragment: "${issuer}".`);
  const name = values.OIDC_NAME ?? "";
  if (name.length > NAME_MAX)
    throw new Error(`OIDC_NAME is the button label: at most ${NAME_MAX} characters.`);
  return {
    issuer,
    clientId: values.OIDC_CLIENT_ID ?? "",
    clientSecret: values.OIDC_CLIENT_SECRET ?? "",
    name,
  };
}
