"use server";

import { headers } from "next/headers";
import { checkRateLimit, countAttempt } from "@/lib/db/rate-limit";
import { createUser } from "@/lib/db/users";
import { SIGN_UP_PER_ADDRESS } from "@/lib/domain/rate-limit";
import { AppError } from "@/lib/errors";
import { SignUpInput } from "@/lib/schemas/auth";
import { publicAction } from "@/lib/server/action";
import { clientAddress } from "@/lib/server/client-address";

export const signUpAction = publicAction(SignUpInput, async (input) => {
  const requestHeaders = await headers();
  const key = `sign-up:address:${clientAddress((name) => requestHeaders.get(name))}`;
  const check = await checkRateLimit(key, SIGN_UP_PER_ADDRESS);
  if (check.limited) {
    throw new AppError("RATE_LIMITED", `Too many new accounts from your network. Try again in ${check.retryInMinutes} minutes.`);
  }
  await countAttempt(key, SIGN_UP_PER_ADDRESS);
  const user = await createUser(input);
  return { email: user.email };
});
