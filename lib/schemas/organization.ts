import { z } from "zod";
import { MEMBER_ROLES } from "@/lib/domain/permissions";
import { isValidTimeZone } from "@/lib/domain/time-zone";
import { isValidSlug } from "@/lib/domain/slug";
import { EmailField } from "./auth";
import { FormId, singleLine } from "./text";
import { VersionField } from "./version";

export const OrgNameField = singleLine({ error: "Enter a name." })
  .min(2, "Use at least 2 characters.")
  .max(80, "Use at most 80 characters.");

export const CreateOrganizationInput = z.object({ name: OrgNameField });
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInput>;

export const OrgSlugParam = z.string().refine(isValidSlug, "Not a valid organisation address.");

export const RenameOrganizationInput = z.object({ name: OrgNameField, version: VersionField });

export const MAX_DEFAULT_GRACE_DAYS = 90;
export const FRESHNESS_DAYS_RANGE = { min: 1, max: 1825 } as const;

const wholeDays = (min: number, max: number, empty: string) =>
  z.coerce
    .number({ error: empty })
    .int("Use a whole number of days.")
    .min(min, `Use ${min} or more days.`)
    .max(max, `Use at most ${max.toLocaleString("en-GB")} days.`);

/** The readiness settings of the organisation (readiness-rules.md: today, grace, freshness). */
export const ReadinessSettingsInput = z.object({
  timeZone: singleLine({ error: "Choose a time zone." })
    .min(1, "Choose a time zone.")
    .refine(isValidTimeZone, "Choose a time zone from the list, e.g. Europe/Berlin or UTC."),
  defaultGraceDays: z.preprocess(
    (value) => (value === "" ? undefined : value),
    wholeDays(0, MAX_DEFAULT_GRACE_DAYS, "Enter a number of days."),
  ),
  freshnessDays: z.preprocess(
    (value) => (value === "" ? undefined : value),
    wholeDays(FRESHNESS_DAYS_RANGE.min, FRESHNESS_DAYS_RANGE.max, "Enter a number of days."),
  ),
  version: VersionField,
});
export type ReadinessSettingsInput = z.infer<typeof ReadinessSettingsInput>;

const RoleField = z.enum(MEMBER_ROLES, { error: "Choose a role." });

export const CreateInvitationInput = z.object({ email: EmailField, role: RoleField });
export type CreateInvitationInput = z.infer<typeof CreateInvitationInput>;

export const RevokeInvitationInput = z.object({ invitationId: FormId });
export const ChangeRoleInput = z.object({
  membershipId: FormId,
  role: RoleField,
  version: VersionField,
});
export const RemoveMemberInput = z.object({ membershipId: FormId, version: VersionField });

export const InvitationTokenParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, "This invitation link is not valid.");

export const ActivityPageParam = z.coerce.number().int().min(1).max(100_000).catch(1);
