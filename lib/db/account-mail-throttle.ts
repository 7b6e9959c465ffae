import "server-only";
import {
  ACCOUNT_MAILS_PER_EMAIL,
  ACCOUNT_MAILS_PER_EMAIL_AND_ADDRESS,
} from "@/lib/domain/rate-limit";
import { countAttempt } from "./rate-limit";

/**
 * Counts a request for an account mail (`kind`: reset link or sign-up mail) to `email` from
 * `address`, and says whether to send it (see the rules in lib/domain/rate-limit.ts). With K
 * addresses, at most min(3K, 10 + K) such mails reach one mailbox an hour.
 */
export async function admitAccountMail(
  kind: "password-reset" | "sign-up",
  email: string,
  address: string,
  now: Date,
): Promise<boolean> {
  const pair = await countAttempt(
    `${kind}:pair:${address} ${email}`,
    ACCOUNT_MAILS_PER_EMAIL_AND_ADDRESS,
    now,
  );
  if (pair.count > ACCOUNT_MAILS_PER_EMAIL_AND_ADDRESS.limit) return false;
  const perEmail = await countAttempt(`${kind}:email:${email}`, ACCOUNT_MAILS_PER_EMAIL, now);
  return perEmail.count <= ACCOUNT_MAILS_PER_EMAIL.limit || pair.count === 1;
}
