"use server";

import { createOrganization } from "@/lib/db/organizations";
import { CreateOrganizationInput } from "@/lib/schemas/organization";
import { userAction } from "@/lib/server/action";

export const createOrganizationAction = userAction(CreateOrganizationInput, (user, input) =>
  createOrganization(user, input),
);
