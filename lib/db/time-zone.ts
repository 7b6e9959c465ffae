import "server-only";
import { DEFAULT_TIME_ZONE } from "@/lib/domain/time-zone";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";

/** The organisation's IANA time zone, which decides its "today" (readiness-rules.md). */
export async function organizationTimeZone(ctx: OrgContext): Promise<string> {
  assertCan(ctx, "org.view");
  const organization = await getDb().organization.findUnique({
    where: { id: ctx.orgId },
    select: { timeZone: true },
  });
  return organization?.timeZone ?? DEFAULT_TIME_ZONE;
}
