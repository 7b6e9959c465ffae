import { auditActivityLog } from "@/lib/db/activity-audit";
import { VerifyActivityInput } from "@/lib/schemas/activity-heads";
import { orgRoute } from "@/lib/server/route";

// POST /api/orgs/:orgSlug/activity/verify  { heads: [{ label, head }] } → { data: ActivityAudit }
// Any member: the activity log checked against its recorded heads and the heads given (read in
// the browser from files kept from earlier exports). Read only.
export const POST = orgRoute(VerifyActivityInput, (ctx, { heads }) => auditActivityLog(ctx, heads));
