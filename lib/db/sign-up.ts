import "server-only";
import { SIGN_UP_MAILS_PER_EMAIL, SIGN_UP_PER_ADDRESS } from "@/lib/domain/rate-limit";
import { AppError } from "@/lib/errors";
import { getDb } from "./client";
import { countAttempt, countWithinLimit } from "./rate-limit";

/** Counts a sign-up from this address (10 an hour), new email or not; refuses past the limit. */
export async function countSignUpAttempt(address: string, now: Date): Promise<void> {
  const key = `sign-up:address:${address}`;
  const check = await countWithinLimit(key, SIGN_UP_PER_ADDRESS, now);
  if (check.limited) {
    throw new AppError("RATE_LIMITED", `Too many new accounts from your network. Try again in ${check.retryInMinutes} minutes.`, undefined, {
      retryAfterSeconds: check.retryInMinutes * 60,
    });
  }
}

/**
 * What a sign-up by email should send: a link to finish, a note that the account exists, or
 * nothing when this email has had its 3 sign-up mails this hour (the answer is the same).
 */
export async function signUpMailFor(email: string, now: Date): Promise<"finish" | "exists" | null> {
  const mails = await countAttempt(`sign-up:email:${email}`, SIGN_UP_MAILS_PER_EMAIL, now);
  if (mails.count > SIGN_UP_MAILS_PER_EMAIL.limit) return null;
  const existing = await getDb().user.findUnique({ where: { email }, select: { id: true } });
  return existing ? "exists" : "finish";
}
