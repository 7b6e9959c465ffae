import "server-only";
import { SIGN_UP_PER_ADDRESS } from "@/lib/domain/rate-limit";
import { AppError } from "@/lib/errors";
import { admitAccountMail } from "./account-mail-throttle";
import { getDb } from "./client";
import { countWithinLimit } from "./rate-limit";

/** Counts a sign-up from this address (10 an hour), new email or not; refuses past the limit. */
export async function countSignUpAttempt(address: string, now: Date): Promise<void> {
  const key = `sign-up:address:${address}`;
  const check = await countWithinLimit(key, SIGN_UP_PER_ADDRESS, now);
  if (check.limited) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many new accounts from your network. Try again in ${check.retryInMinutes} minutes.`,
      undefined,
      {
        retryAfterSeconds: check.retryInMinutes * 60,
      },
    );
  }
}

/**
 * What a sign-up by email should send: a link to finish, a note that the account exists, or
 * nothing when this request is past the email's share of sign-up mails (admitAccountMail; the
 * answer is the same).
 */
export async function signUpMailFor(
  email: string,
  address: string,
  now: Date,
): Promise<"finish" | "exists" | null> {
  if (!(await admitAccountMail("sign-up", email, address, now))) return null;
  const existing = await getDb().user.findUnique({ where: { email }, select: { id: true } });
  return existing ? "exists" : "finish";
}
