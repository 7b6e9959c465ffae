import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import {
  RECOVERY_CODE_BYTES,
  RECOVERY_CODE_COUNT,
  recoveryCodeFromBytes,
  TOTP_DRIFT_STEPS,
  TOTP_PERIOD_SECONDS,
} from "@/lib/domain/two-factor";

// RFC 6238 through otplib (SHA-1, 6 digits, 30-second steps: what authenticator apps expect).

const ISSUER = "Assay";

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// address an authenticator app reads from the enrolment QR code. */
export function totpUri(secret: string, accountName: string): string {
  return generateURI({ issuer: ISSUER, label: accountName, secret, period: TOTP_PERIOD_SECONDS });
}

/** The enrolment QR code as an SVG data URL, drawn on the server (no script, no third party). */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}

/**
 * The time step a 6-digit code belongs to, when it is valid at `now` (one step of drift either
 * way) and newer than `afterStep` (a step already used cannot be used again); else null.
 */
export async function matchTotp(
  secret: string,
  code: string,
  now: Date,
  afterStep: number | null,
): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Ten fresh recovery codes, as shown to the user once. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    recoveryCodeFromBytes(randomBytes(RECOVERY_CODE_BYTES)),
  );
}

/**
 * Recovery codes carry 80 random bits, so a fast hash is enough (there is nothing to guess
 * offline); the owner's id is mixed in so equal hashes never link two accounts. Hyphens are
 * ignored: the shown form and the normalised one hash the same.
 */
export function hashRecoveryCode(ownerId: string, code: string): string {
  return createHash("sha256")
    .update(`${ownerId}:${code.replace(/-/g, "")}`)
    .digest("hex");
}
