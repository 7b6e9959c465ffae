import { can, type Permission } from "@/lib/domain/permissions";
import { forbidden } from "@/lib/errors";
import type { OrgContext } from "./context";

export function assertCan(ctx: OrgContext, permission: Permission): void {
  if (!can(ctx.role, permission)) throw forbidden();
}
