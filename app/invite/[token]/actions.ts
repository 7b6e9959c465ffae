"use server";

import { z } from "zod";
import { acceptInvitation } from "@/lib/db/invitations";
import { InvitationTokenParam } from "@/lib/schemas/organization";
import { userAction } from "@/lib/server/action";

export const acceptInvitationAction = userAction(
  z.object({ token: InvitationTokenParam }),
  (user, { token }) => acceptInvitation(user, token),
);
