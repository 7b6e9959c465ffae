import { generate } from "otplib";
import type { UserContext } from "@/lib/db/context";
import { beginEnrolment, confirmEnrolment } from "@/lib/db/two-factor";
import { makeUser, TEST_PASSWORD } from "./helpers";

// 10 seconds into a 30-second step: ±30 s is exactly one step away.
export const T0 = new Date("2026-03-02T09:00:10.000Z");
export const later = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

/** The code an authenticator app holding `secret` shows at `moment`. */
export const codeAt = (secret: string, moment: Date): Promise<string> =>
  generate({ secret, epoch: Math.floor(moment.getTime() / 1000) });

export type Enrolled = { user: UserContext; secret: string; recoveryCodes: string[] };

/** A user with two-factor on, enrolled at `at` the way the account page does it. */
export async function enrolledUser(user?: UserContext, at: Date = T0): Promise<Enrolled> {
  const who = user ?? (await makeUser());
  const { secret } = await beginEnrolment(who, TEST_PASSWORD, at);
  const { recoveryCodes } = await confirmEnrolment(who, await codeAt(secret, at), at);
  return { user: who, secret, recoveryCodes };
}
