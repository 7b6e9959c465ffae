import { z } from "zod";
import { CheckboxField } from "./form";
import { singleLine } from "./text";

/** A code from an authenticator app or a recovery code; its format is checked where it is used. */
export const SecondFactorCodeField = singleLine({
  error: "Enter the code from your authenticator app.",
})
  .min(1, "Enter the code from your authenticator app.")
  .max(40, "That code is too long.");

/** The account's current password (only hashed, so any character is kept). */
const PasswordField = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(200, "That password is not right.");

export const BeginTwoFactorInput = z.object({ password: PasswordField });
export const ConfirmTwoFactorInput = z.object({ code: SecondFactorCodeField });
export const RegenerateRecoveryCodesInput = z.object({
  password: PasswordField,
  code: SecondFactorCodeField,
});
export const DisableTwoFactorInput = z.object({
  password: PasswordField,
  code: SecondFactorCodeField,
});

export const RequireTwoFactorInput = z.object({ requireTwoFactor: CheckboxField });
