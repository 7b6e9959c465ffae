import { createInvitation } from "@/lib/db/invitations";
import { CreateInvitationInput } from "@/lib/schemas/organization";
import { orgRoute } from "@/lib/server/route";
import { appOrigin } from "@/lib/server/origin";

// POST /api/orgs/:orgSlug/invitations  { email, role } → 201 { data: { link, email, role, expiresAt } }
export const POST = orgRoute(
  CreateInvitationInput,
  async (ctx, input) => {
    const invitation = await createInvitation(ctx, input);
    return {
      link: `${await appOrigin()}/invite/${invitation.token}`,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
    };
  },
  201,
);
