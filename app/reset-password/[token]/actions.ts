"use server";

import { resetPassword } from "@/lib/db/password-reset";
import { ResetPasswordInput } from "@/lib/schemas/account";
import { publicAction } from "@/lib/server/action";

export const resetPasswordAction = publicAction(ResetPasswordInput, async ({ token, password }) =>
  resetPassword(token, password, new Date()),
);
