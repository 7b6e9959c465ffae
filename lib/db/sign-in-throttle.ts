import "server-only";
import {
  SIGN_IN_PER_ADDRESS,
  SIGN_IN_PER_EMAIL,
  SIGN_IN_PER_EMAIL_AND_ADDRESS,
} from "@/lib/domain/rate-limit";
import { admitAttempt, settleAttempt, type Admission, type FailureRules } from "./failure-throttle";

// Password guesses are bounded per account without letting strangers lock the account
// (failure-throttle.ts):
//  - one address may fail one email 5 times per 15 minutes (and 20 times across all emails);
//  - all addresses together may fail one email 20 times per 15-minute slot; past that, only
//    addresses that have not failed this email in the slot may still try, once each.
// So a correct password from an address that has not been failing always gets through, and an
// attacker with K addresses gets at most min(5K, 20 + K) guesses per account per 15 minutes.

const RULES: FailureRules = {
  perPair: SIGN_IN_PER_EMAIL_AND_ADDRESS,
  perAccount: SIGN_IN_PER_EMAIL,
  perAddress: SIGN_IN_PER_ADDRESS,
};

const keys = (email: string, address: string) => ({
  address: `sign-in:address:${address}`,
  pair: `sign-in:pair:${address} ${email}`,
  account: `sign-in:email:${email}`,
});

/** Whether this attempt may check a password; counted as a failure until settled. */
export function admitSignInAttempt(email: string, address: string, now: Date): Promise<Admission> {
  return admitAttempt(keys(email, address), RULES, now);
}

/** After an admitted attempt: a right password takes its counts back (failure-throttle.ts). */
export function settleSignInAttempt(
  email: string,
  address: string,
  succeeded: boolean,
): Promise<void> {
  return settleAttempt(keys(email, address), succeeded);
}
