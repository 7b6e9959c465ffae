import { z } from "zod";
import { singleLine } from "./text";

export const EmailField = singleLine({ error: "Enter your email address." })
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }));

// Passwords are only ever hashed, never stored or shown, so any character is allowed: refusing
// some would lock out whoever already chose one.
export const PasswordField = z
  .string({ error: "Enter a password." })
  .min(12, "Use at least 12 characters.")
  .max(200, "Use at most 200 characters.");

export const SignUpInput = z.object({
  name: singleLine({ error: "Enter your name." })
    .min(1, "Enter your name.")
    .max(100, "Use at most 100 characters."),
  email: EmailField,
  password: PasswordField,
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export const SignInInput = z.object({
  email: EmailField,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(200, "Email or password is incorrect."),
});
export type SignInInput = z.infer<typeof SignInInput>;
