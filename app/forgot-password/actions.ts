"use server";

import { headers } from "next/headers";
import { countPasswordResetRequest, passwordResetFor } from "@/lib/db/password-reset";
import { AppError } from "@/lib/errors";
import { RequestPasswordResetInput } from "@/lib/schemas/account";
import { publicAction } from "@/lib/server/action";
import { composeAfterResponse, NO_RESET_MAIL, passwordResetMail } from "@/lib/server/account-mail";
import { clientAddress } from "@/lib/server/client-address";
import { mailConfigured } from "@/lib/server/mailer";
import { mailLinkOrigin } from "@/lib/server/origin";

// The same answer, after the same work, whether or not the email has an account (the page
// words it as "if"): only the per-address count runs before the response.
export const requestPasswordResetAction = publicAction(
  RequestPasswordResetInput,
  async ({ email }) => {
    if (!mailConfigured()) throw new AppError("CONFLICT", NO_RESET_MAIL);
    const requestHeaders = await headers();
    const now = new Date();
    const address = clientAddress((name) => requestHeaders.get(name));
    await countPasswordResetRequest(address, now);
    const origin = await mailLinkOrigin();
    if (origin) {
      composeAfterResponse(async () => {
        const reset = await passwordResetFor(email, address, now);
        return (
          reset &&
          passwordResetMail(email, `${origin}/reset-password/${reset.token}`, reset.expiresAt)
        );
      });
    }
    return { email };
  },
);
