"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getCurrentSession } from "@/lib/auth/session";
import { beginEnrolment, confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes } from "@/lib/db/two-factor";
import { ConfirmTwoFactorInput, DisableTwoFactorInput, RegenerateRecoveryCodesInput } from "@/lib/schemas/two-factor";
import { userAction } from "@/lib/server/action";

const PAGE = "/account/two-factor";

export const beginTwoFactorAction = userAction(z.object({}), async (user) => {
  await beginEnrolment(user);
  revalidatePath(PAGE);
  return null;
});

// No revalidation here: the page would re-render as "on" and take the one-time list of
// recovery codes off the screen before the user saved them. The list's "Done" refreshes.
export const confirmTwoFactorAction = userAction(ConfirmTwoFactorInput, async (user, { code }) =>
  confirmEnrolment(user, code, new Date(), (await getCurrentSession())?.sessionId),
);

export const regenerateRecoveryCodesAction = userAction(RegenerateRecoveryCodesInput, async (user, { code }) => regenerateRecoveryCodes(user, code));

export const disableTwoFactorAction = userAction(DisableTwoFactorInput, async (user, input) => {
  await disableTwoFactor(user, input);
  revalidatePath(PAGE);
  return null;
});
