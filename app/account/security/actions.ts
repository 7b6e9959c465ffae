"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { sessionCookie, issueSessionCookie } from "@/lib/auth/session-cookie";
import { requireSession } from "@/lib/auth/session";
import { changePassword } from "@/lib/db/passwords";
import { revokeAllSessions, revokeOwnSession } from "@/lib/db/sessions";
import { AppError } from "@/lib/errors";
import { ChangePasswordInput, RevokeSessionInput } from "@/lib/schemas/account";
import { userAction } from "@/lib/server/action";

const PAGE = "/account/security";

export const revokeSessionAction = userAction(RevokeSessionInput, async (user, { sessionId }) => {
  const current = await requireSession();
  if (sessionId === current.sessionId)
    throw new AppError(
      "CONFLICT",
      "This is the device you are using: sign out from the account menu instead.",
    );
  await revokeOwnSession(user, sessionId, new Date());
  revalidatePath(PAGE);
  return null;
});

export const signOutEverywhereAction = userAction(z.object({}), async (user) => {
  await revokeAllSessions(user, new Date());
  (await cookies()).delete(sessionCookie().name);
  redirect("/sign-in");
});

export const changePasswordAction = userAction(ChangePasswordInput, async (user, input) => {
  const sessionId = await changePassword(await requireSession(), input, new Date());
  await issueSessionCookie(user, sessionId);
  revalidatePath(PAGE);
  return null;
});
