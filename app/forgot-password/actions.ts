"use server";

import { headers } from "next/headers";
import { requestPasswordReset } from "@/lib/db/password-reset";
import { AppError } from "@/lib/errors";
import { RequestPasswordResetInput } from "@/lib/schemas/account";
import { publicAction } from "@/lib/server/action";
import { NO_RESET_MAIL, passwordResetMail, sendAfterResponse } from "@/lib/server/account-mail";
import { clientAddress } from "@/lib/server/client-address";
import { mailConfigured } from "@/lib/server/mailer";
import { mailLinkOrigin } from "@/lib/server/origin";

// The same answer whether or not the email has an account (the page words it as "if").
export const requestPasswordResetAction = publicAction(RequestPasswordResetInput, async ({ email }) => {
  if (!mailConfigured()) throw new AppError("CONFLICT", NO_RESET_MAIL);
  const requestHeaders = await headers();
  const now = new Date();
  const issued = await requestPasswordReset(email, clientAddress((name) => requestHeaders.get(name)), now);
  const origin = issued ? await mailLinkOrigin() : null;
  if (issued && origin) sendAfterResponse(passwordResetMail(email, `${origin}/reset-password/${issued.reset.token}`, issued.reset.expiresAt));
  return { email };
});
