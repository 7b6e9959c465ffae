import { readFileSync } from "node:fs";
import { signingKeyFromPem, type SigningKey } from "@/lib/domain/activity-signature";
import type { Env } from "@/lib/settings";

// The optional Ed25519 key that signs activity checkpoints. It lives outside the database (a
// file, or the environment) so that someone who can write the database cannot sign:
//   AUDIT_SIGNING_KEY_FILE=/run/secrets/assay-audit.pem   (preferred)
//   AUDIT_SIGNING_KEY="-----BEGIN PRIVATE KEY-----\n…"     (real newlines or \n escapes)
// Generate one with `openssl genpkey -algorithm ed25519 -out assay-audit.pem`.

export type SigningKeySetting =
  | { state: "none" }
  | { state: "configured"; key: SigningKey; source: string }
  | { state: "invalid"; message: string };

/** Reads the key setting; never throws (a broken setting is reported as "invalid"). */
export function readSigningKeySetting(
  env: Env = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): SigningKeySetting {
  const file = env.AUDIT_SIGNING_KEY_FILE?.trim();
  const inline = env.AUDIT_SIGNING_KEY?.trim();
  if (file && inline)
    return {
      state: "invalid",
      message: "Set AUDIT_SIGNING_KEY_FILE or AUDIT_SIGNING_KEY, not both.",
    };
  if (!file && !inline) return { state: "none" };
  const source = file ? `AUDIT_SIGNING_KEY_FILE (${file})` : "AUDIT_SIGNING_KEY";
  let pem: string;
  try {
    pem = file ? readFile(file) : (inline ?? "").replaceAll("\\n", "\n");
  } catch (error) {
    return {
      state: "invalid",
      message: `${source} cannot be read: ${error instanceof Error ? error.message : String(error)}.`,
    };
  }
  try {
    return { state: "configured", key: signingKeyFromPem(pem), source };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      state: "invalid",
      message: `${source} is not an Ed25519 private key in PEM (${reason}). Generate one with: openssl genpkey -algorithm ed25519`,
    };
  }
}

/**
 * The signing key, or null when none is configured. A key that is set but cannot be used
 * throws: checkpoints must not silently go unsigned because of a typo. Read at each use (once a
 * day per organisation, once per export), so a replaced key file takes effect without a restart.
 */
export function auditSigningKey(env: Env = process.env): SigningKey | null {
  const current = readSigningKeySetting(env);
  if (current.state === "invalid")
    throw new Error(`The audit signing key is misconfigured: ${current.message}`);
  return current.state === "configured" ? current.key : null;
}

/** What the settings page shows: the public half and its id, never the private key. */
export type PublicKeyView =
  | { state: "none" }
  | { state: "configured"; keyId: string; publicKeyPem: string }
  | { state: "invalid"; message: string | null };

/** `withProblem`: say what is wrong with a broken setting (it names the file; for admins). */
export function publicKeyView(withProblem: boolean, env: Env = process.env): PublicKeyView {
  const setting = readSigningKeySetting(env);
  if (setting.state === "configured")
    return {
      state: "configured",
      keyId: setting.key.keyId,
      publicKeyPem: setting.key.publicKeyPem,
    };
  if (setting.state === "invalid")
    return { state: "invalid", message: withProblem ? setting.message : null };
  return { state: "none" };
}
