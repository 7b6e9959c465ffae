"use server";

import { revalidatePath } from "next/cache";
import { getCurrentSession } from "@/lib/auth/session";
import { qrDataUrl } from "@/lib/auth/totp";
import {
  beginEnrolment,
  confirmEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
} from "@/lib/db/two-factor";
import {
  BeginTwoFactorInput,
  ConfirmTwoFactorInput,
  DisableTwoFactorInput,
  RegenerateRecoveryCodesInput,
} from "@/lib/schemas/two-factor";
import { userAction } from "@/lib/server/action";

const PAGE = "/account/two-factor";

// The key goes to this answer only: the page never shows it again, so whoever confirms it
// has given the password.
export const beginTwoFactorAction = userAction(BeginTwoFactorInput, async (user, { password }) => {
  const { secret, uri } = await beginEnrolment(user, password);
  return { secret, qrDataUrl: await qrDataUrl(uri) };
});

// No revalidation here: the page would re-render as "on" and take the one-time list of
// recovery codes off the screen before the user saved them. The list's "Done" refreshes.
export const confirmTwoFactorAction = userAction(ConfirmTwoFactorInput, async (user, { code }) =>
  confirmEnrolment(user, code, new Date(), (await getCurrentSession())?.sessionId),
);

export const regenerateRecoveryCodesAction = userAction(
  RegenerateRecoveryCodesInput,
  async (user, input) => regenerateRecoveryCodes(user, input),
);

export const disableTwoFactorAction = userAction(DisableTwoFactorInput, async (user, input) => {
  await disableTwoFactor(user, input);
  revalidatePath(PAGE);
  return null;
});
