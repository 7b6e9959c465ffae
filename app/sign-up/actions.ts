"use server";

import { headers } from "next/headers";
import { readSignUpLinkToken, SIGN_UP_LINK_TTL_MS, signUpLinkToken } from "@/lib/auth/sign-up-link";
import { countSignUpAttempt, signUpMailFor } from "@/lib/db/sign-up";
import { createUser } from "@/lib/db/users";
import { AppError } from "@/lib/errors";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { FinishSignUpInput, SignUpByEmailInput } from "@/lib/schemas/account";
import { SignUpInput } from "@/lib/schemas/auth";
import { publicAction } from "@/lib/server/action";
import { accountExistsMail, finishSignUpMail, sendAfterResponse } from "@/lib/server/account-mail";
import { clientAddress } from "@/lib/server/client-address";
import { mailConfigured } from "@/lib/server/mailer";
import { mailLinkOrigin } from "@/lib/server/origin";

// Two ways to sign up (docs/decisions/0002-sign-up-and-enumeration.md): without mail, the
// account is made at once and an existing email is reported, within the per-address limit;
// with mail, a link finishes it and the answer never depends on the email.

/** Counts the sign-up against the caller's address (refused past the limit); returns the address. */
async function countFromThisAddress(now: Date): Promise<string> {
  const requestHeaders = await headers();
  const address = clientAddress((name) => requestHeaders.get(name));
  await countSignUpAttempt(address, now);
  return address;
}

export const signUpAction = publicAction(SignUpInput, async (input) => {
  if (mailConfigured())
    throw new AppError("CONFLICT", "Sign-up continues by email on this server. Reload the page.");
  await countFromThisAddress(new Date());
  const user = await createUser(input);
  return { email: user.email };
});

export const signUpByEmailAction = publicAction(
  SignUpByEmailInput,
  async ({ name, email, callbackUrl }) => {
    if (!mailConfigured())
      throw new AppError("CONFLICT", "Mail is not set up on this server. Reload the page.");
    const now = new Date();
    const address = await countFromThisAddress(now);
    const [mail, origin] = await Promise.all([
      signUpMailFor(email, address, now),
      mailLinkOrigin(),
    ]);
    if (mail === "exists" && origin) sendAfterResponse(accountExistsMail(email, origin));
    if (mail === "finish" && origin) {
      const next = safeRedirectPath(callbackUrl);
      const token = signUpLinkToken({
        email,
        name,
        callbackUrl: next.length <= 300 ? next : "/",
        expiresAt: now.getTime() + SIGN_UP_LINK_TTL_MS,
      });
      sendAfterResponse(finishSignUpMail(email, `${origin}/sign-up/finish/${token}`));
    }
    return { email };
  },
);

export const finishSignUpAction = publicAction(FinishSignUpInput, async ({ token, password }) => {
  const claims = readSignUpLinkToken(token, new Date());
  if (!claims)
    throw new AppError("NOT_FOUND", "This link has expired or is not valid. Sign up again.");
  const user = await createUser({ name: claims.name, email: claims.email, password }).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === "CONFLICT")
        throw new AppError(
          "CONFLICT",
          "This link was already used: the account exists. Sign in instead.",
        );
      throw error;
    },
  );
  return { email: user.email, callbackUrl: safeRedirectPath(claims.callbackUrl) };
});
