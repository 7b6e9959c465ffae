import "server-only";
import { createHash } from "node:crypto";
import * as client from "openid-client";
import { oidcSettings, type OidcSettings } from "@/lib/oidc-settings";

// The OpenID Connect relying party (openid-client): discovery of the configured issuer,
// authorisation code flow with PKCE (S256), state and nonce. What the callback verifies is the
// library's: the issuer (of the metadata, the `iss` response parameter and the ID token), the
// state, the code exchange with the PKCE verifier, the ID token's signature, audience, expiry
// and nonce.

export const CALLBACK_PATH = "/api/sso/callback";
const DISCOVERY_TTL_MS = 10 * 60 * 1000;

let cached: { key: string; at: number; config: Promise<client.Configuration> } | null = null;

const isLoopback = (url: URL) => ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);

/** The provider's configuration, discovered once every ten minutes. */
function configuration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuer}\n${settings.clientId}`;
  const now = Date.now();
  if (cached && cached.key === key && now - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const issuer = new URL(settings.issuer);
  const config = client.discovery(
    issuer,
    settings.clientId,
    { client_secret: settings.clientSecret, id_token_signed_response_alg: "RS256" },
    client.ClientSecretPost(settings.clientSecret),
    // Plain http is accepted for a provider on this machine only (oidcSettings checks it).
    isLoopback(issuer) ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
  );
  cached = { key, at: now, config };
  config.catch(() => {
    if (cached?.config === config) cached = null;
  });
  return config;
}

export const hashState = (state: string): string =>
  createHash("sha256").update(state, "utf8").digest("hex");

export type AuthorizationStart = {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
};

/** The provider's authorisation URL with fresh state, nonce and PKCE challenge. */
export async function startAuthorization(
  settings: OidcSettings,
  redirectUri: string,
): Promise<AuthorizationStart> {
  const config = await configuration(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email profile",
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { url, state, nonce, codeVerifier };
}

export type VerifiedClaims = {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
};

/**
 * Exchanges the callback's code and verifies the answer; throws when anything does not check.
 * `callbackUrl` is the URL the provider redirected to (with code, state and iss).
 */
export async function finishAuthorization(
  settings: OidcSettings,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
): Promise<VerifiedClaims> {
  const config = await configuration(settings);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: expected.codeVerifier,
    expectedState: expected.state,
    expectedNonce: expected.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("The identity provider returned no ID token.");
  // Providers that keep the ID token small put email and name in UserInfo (same subject).
  const info =
    typeof claims.email === "string"
      ? claims
      : await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof info.email === "string" ? info.email.slice(0, 320) : "",
    emailVerified: info.email_verified === true,
    name: typeof info.name === "string" ? info.name : "",
  };
}

export { oidcSettings };
