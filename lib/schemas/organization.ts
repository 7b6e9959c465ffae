import { z } from "zod";
import { MEMBER_ROLES } from "@/lib/domain/permissions";
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
