import { z } from "zod";

export const EmailField = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }));

export const PasswordField = z
  .string({ error: "Enter a password." })
  .min(12, "Use at least 12 characters.")
  .max(200, "Use at most 200 characters.");

export const SignUpInput = z.object({
  name: z.string({ error: "Enter your name." }).trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  email: EmailField,
  password: PasswordField,
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export const SignInInput = z.object({
  email: EmailField,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200, "Email or password is incorrect."),
});
export type SignInInput = z.infer<typeof SignInInput>;
