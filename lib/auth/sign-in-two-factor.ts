import "server-only";
import { hasTwoFactor, verifySecondFactor } from "@/lib/db/two-factor-check";
import { TWO_FACTOR_INVALID, TWO_FACTOR_REQUIRED } from "@/lib/domain/two-factor";
import { SecondFactorCodeField } from "@/lib/schemas/two-factor";

const codeOf = (credentials: unknown): unknown =>
  typeof credentials === "object" && credentials !== null && "code" in credentials
    ? credentials.code
    : undefined;

/**
 * The sign-in step after a right password: for a user with two-factor, the code posted with
 * it (a wrong one counts against the limits per user and per address). Returns when the second
 * factor was given (null: the user has none); throws the signal the form answers otherwise.
 */
export async function secondFactorStep(
  userId: string,
  credentials: unknown,
  address: string,
  now: Date,
): Promise<Date | null> {
  if (!(await hasTwoFactor(userId))) return null;
  const posted = codeOf(credentials);
  if (posted === undefined || posted === "") throw new Error(TWO_FACTOR_REQUIRED);
  const code = SecondFactorCodeField.safeParse(posted);
  if (!code.success) throw new Error(TWO_FACTOR_INVALID);
  const result = await verifySecondFactor(userId, code.data, address, now);
  if (result.ok) return now;
  if (result.reason === "rate_limited") throw new Error(`RATE_LIMITED:${result.retryInMinutes}`);
  throw new Error(TWO_FACTOR_INVALID);
}
