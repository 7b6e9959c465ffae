import { z } from "zod";
import { EmailField, PasswordField } from "./auth";
import { FormId, singleLine } from "./text";

const CurrentPasswordField = z
  .string({ error: "Enter your current password." })
  .min(1, "Enter your current password.")
  .max(200, "That is not your current password.");

/** A link token (password reset, finishing a sign-up): anything else is "not valid". */
export const LinkTokenParam = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{20,600}$/, "This link is not valid.");

export const ChangePasswordInput = z.object({
  currentPassword: CurrentPasswordField,
  newPassword: PasswordField,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const RevokeSessionInput = z.object({ sessionId: FormId });

export const RequestPasswordResetInput = z.object({ email: EmailField });

export const ResetPasswordInput = z.object({
  token: LinkTokenParam,
  password: PasswordField,
});

export const IssueResetLinkInput = z.object({ membershipId: FormId });

/** Sign-up where a link by email finishes it: the password is chosen on the link's page. */
export const SignUpByEmailInput = z.object({
  name: singleLine({ error: "Enter your name." })
    .min(1, "Enter your name.")
    .max(100, "Use at most 100 characters."),
  email: EmailField,
  callbackUrl: singleLine().max(2000).optional(),
});

export const FinishSignUpInput = z.object({
  token: LinkTokenParam,
  password: PasswordField,
});
