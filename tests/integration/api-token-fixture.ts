import { createApiToken } from "@/lib/db/api-tokens";
import type { OrgContext } from "@/lib/db/context";

// An API token for the /api/v1 tests: a viewer of the whole organisation unless told otherwise.

const DAY = 24 * 60 * 60 * 1000;

export async function apiToken(
  ctx: OrgContext,
  overrides: { role?: "viewer" | "editor"; engagementIds?: string[] | null } = {},
): Promise<{ id: string; secret: string }> {
  return createApiToken(ctx, {
    name: "CI",
    role: overrides.role ?? "viewer",
    engagementIds: overrides.engagementIds ?? null,
    expiresAt: new Date(Date.now() + 30 * DAY),
  });
}
