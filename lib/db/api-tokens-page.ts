import "server-only";
import {
  apiTokenExpiresAt,
  apiTokenExpiryChoices,
  type ApiTokenRole,
  type ApiTokenState,
} from "@/lib/domain/api-tokens";
import { formatDateTimeIn, todayIn } from "@/lib/domain/time-zone";
import { AppError } from "@/lib/errors";
import type { CreateApiTokenFormInput } from "@/lib/schemas/api-token";
import { createApiToken, listApiTokens } from "./api-tokens";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { organizationTimeZone } from "./time-zone";

// The tokens page (/o/<org>/settings/api-tokens): owners and admins create, list and revoke the
// organisation's API tokens. Times are shown in the organisation's zone.

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  role: ApiTokenRole;
  /** The engagements' names; null means every engagement. */
  engagements: string[] | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  state: ApiTokenState;
  /** Its creator is no longer an owner or admin here, so the token is refused (401). */
  creatorLeft: boolean;
  /** "2 Dec 2026, 09:41 from 203.0.113.7", or null when never used. */
  lastUse: string | null;
};

export type ApiTokensPage = {
  orgSlug: string;
  timeZone: string;
  engagements: { id: string; name: string }[];
  expiry: { min: string; max: string; default: string };
  tokens: ApiTokenView[];
};

export async function loadApiTokensPage(
  ctx: OrgContext,
  now: Date = new Date(),
): Promise<ApiTokensPage> {
  assertCan(ctx, "org.update");
  const [timeZone, tokens, engagements, managers] = await Promise.all([
    organizationTimeZone(ctx),
    listApiTokens(ctx, now),
    getDb().engagement.findMany({
      where: { organizationId: ctx.orgId },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true, archivedAt: true },
      take: 1_000,
    }),
    getDb().membership.findMany({
      where: { organizationId: ctx.orgId, role: { in: ["owner", "admin"] } },
      select: { userId: true },
    }),
  ]);
  const managing = new Set(managers.map((member) => member.userId));
  const names = new Map(engagements.map((engagement) => [engagement.id, engagement.name]));
  const when = (instant: Date) => formatDateTimeIn(instant, timeZone);
  return {
    orgSlug: ctx.orgSlug,
    timeZone,
    engagements: engagements
      .filter((engagement) => engagement.archivedAt === null)
      .map(({ id, name }) => ({ id, name })),
    expiry: apiTokenExpiryChoices(todayIn(timeZone, now)),
    tokens: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      prefix: token.prefix,
      role: token.role,
      engagements:
        token.engagementIds === null
          ? null
          : token.engagementIds.map((id) => names.get(id) ?? "a deleted engagement"),
      createdBy: token.createdByName,
      createdAt: when(token.createdAt),
      expiresAt: when(token.expiresAt),
      state: token.state,
      creatorLeft: !managing.has(token.createdById),
      lastUse: token.lastUsedAt
        ? `${when(token.lastUsedAt)}${token.lastUsedAddress ? ` from ${token.lastUsedAddress}` : ""}`
        : null,
    })),
  };
}

/** Creates a token from the page's form: it stops working as the chosen day begins. */
export async function createApiTokenFromForm(
  ctx: OrgContext,
  input: CreateApiTokenFormInput,
  now: Date = new Date(),
): Promise<{ id: string; secret: string; name: string }> {
  assertCan(ctx, "org.update");
  const timeZone = await organizationTimeZone(ctx);
  const created = await createApiToken(
    ctx,
    {
      name: input.name,
      role: input.role,
      engagementIds: input.engagementIds,
      expiresAt: apiTokenExpiresAt(input.expiresOn, timeZone),
    },
    now,
  ).catch((error: unknown) => {
    // The form's field is the day; the data layer speaks of the instant.
    if (error instanceof AppError && error.fieldErrors?.expiresAt) {
      const { expiresAt, ...rest } = error.fieldErrors;
      throw new AppError(error.code, error.message, { ...rest, expiresOn: expiresAt });
    }
    throw error;
  });
  return { id: created.id, secret: created.secret, name: input.name };
}
