import { z } from "zod";
import { checkSsoDomain, SSO_JOIN_ROLES } from "@/lib/domain/sso";
import { CheckboxField } from "./form";
import { VersionField } from "./version";

/** The organisation's single sign-on settings form: domain (blank: none), join role, require. */
export const SsoSettingsFormInput = z
  .object({
    ssoDomain: z
      .string({ error: "Enter an email domain, or leave it blank." })
      .max(300, "A domain has at most 253 characters.")
      .transform((value, context) => {
        if (value.trim() === "") return null;
        const checked = checkSsoDomain(value);
        if (checked.ok) return checked.domain;
        context.addIssue({ code: "custom", message: checked.message });
        return z.NEVER;
      }),
    ssoJoinRole: z
      .enum(["none", ...SSO_JOIN_ROLES], { error: "Choose viewer, editor or nobody." })
      .transform((value) => (value === "none" ? null : value)),
    requireSso: CheckboxField,
    version: VersionField,
  })
  .superRefine((input, context) => {
    if (input.requireSso && !input.ssoDomain)
      context.addIssue({
        code: "custom",
        path: ["requireSso"],
        message: "Claim your email domain before requiring SSO.",
      });
  });
export type SsoSettingsFormInput = z.infer<typeof SsoSettingsFormInput>;
