// Two-factor sign-in rules: the TOTP parameters, recovery codes (format, normalisation) and the
// throttling of code guesses. The random bytes come in as arguments.

import type { RateLimitRule } from "./rate-limit";

/** RFC 6238 defaults, the ones every authenticator app assumes (SHA-1, 6 digits, 30 s). */
export const TOTP_PERIOD_SECONDS = 30;
/** Codes of the step just before and just after the current one still count (clock drift). */
export const TOTP_DRIFT_STEPS = 1;

export const RECOVERY_CODE_COUNT = 10;
/** 10 random bytes = 80 bits, written as 16 base32 characters in four groups of four. */
export const RECOVERY_CODE_BYTES = 10;

// Wrong codes at sign-in (the password was right), throttled like wrong passwords
// (lib/db/failure-throttle.ts), per 15-minute slot: 5 per account from one address, 10 per
// account from all addresses (past that only addresses that have not failed it may try, once
// each), 20 per address across accounts. So the real user's right code from an address that
// has not been failing always gets in, and an attacker who has the password and K addresses
// gets at most min(5K, 10 + K) guesses per 15 minutes, each 3 chances in a million (three codes
// are valid at any moment).
const SLOT_MS = 15 * 60_000;
export const TWO_FACTOR_PER_USER_AND_ADDRESS: RateLimitRule = {
  limit: 5,
  windowMs: SLOT_MS,
  aligned: true,
};
export const TWO_FACTOR_PER_USER: RateLimitRule = { limit: 10, windowMs: SLOT_MS, aligned: true };
export const TWO_FACTOR_PER_ADDRESS: RateLimitRule = { limit: 20, windowMs: SLOT_MS };
/**
 * Wrong passwords and codes on the account page (enrolment, new recovery codes, turning it
 * off), per account: a signed-in session, counted apart from sign-in, so neither can use up
 * the other's allowance.
 */
export const TWO_FACTOR_ACCOUNT_CHECKS: RateLimitRule = { limit: 5, windowMs: SLOT_MS };

// Crockford's base32: no i, l, o or u, so nothing reads as another character.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const RECOVERY_LENGTH = (RECOVERY_CODE_BYTES * 8) / 5;
const RECOVERY_PATTERN = new RegExp(`^[${ALPHABET}]{${RECOVERY_LENGTH}}$`);
const TOTP_PATTERN = /^\d{6}$/;

/** A recovery code as shown to the user (`7kq2-mx9d-b3tz-0hcw`), from RECOVERY_CODE_BYTES random bytes. */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== RECOVERY_CODE_BYTES)
    throw new Error(`A recovery code takes ${RECOVERY_CODE_BYTES} bytes, got ${bytes.length}.`);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)?.join("-") ?? out;
}

/** What the user typed, classified: an authenticator code, a recovery code (normalised), or neither. */
type SecondFactorCode = { kind: "totp"; code: string } | { kind: "recovery"; code: string };

/**
 * Spaces and hyphens are ignored, case too; the letters people confuse with digits (o, i, l)
 * are read as the digits, as Crockford's alphabet intends.
 */
export function parseSecondFactorCode(input: string): SecondFactorCode | null {
  const compact = input.replace(/[\s-]/g, "").toLowerCase();
  if (TOTP_PATTERN.test(compact)) return { kind: "totp", code: compact };
  const recovery = compact.replace(/o/g, "0").replace(/[il]/g, "1");
  if (RECOVERY_PATTERN.test(recovery)) return { kind: "recovery", code: recovery };
  return null;
}

// What a sign-in with a right password answers when the second factor is missing or wrong
// (next-auth hands the message to the form, which then asks for the code).
export const TWO_FACTOR_REQUIRED = "TWO_FACTOR_REQUIRED";
export const TWO_FACTOR_INVALID = "TWO_FACTOR_INVALID";
