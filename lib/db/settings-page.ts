import "server-only";
import { publicKeyView, type PublicKeyView } from "@/lib/audit-key";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "./context";
import { getReadinessSettings, type ReadinessSettings } from "./organization-settings";
import { getOrganizationSettings } from "./organizations";
import { getSsoSettings, type SsoSettings } from "./sso";
import { getTwoFactorPolicy } from "./two-factor-policy";

// Everything the settings page shows, in one call: for owners and admins the organisation's
// name, readiness settings (with the time zones to choose from), two-factor rule and, for owners,
// single sign-on; for everyone the audit key that signs the activity log's checkpoints.

type SettingsForms = {
  organization: { name: string; version: number };
  readiness: ReadinessSettings;
  /** "UTC" first (some runtimes list it only as "Etc/UTC"), then every IANA name. */
  timeZones: string[];
  twoFactor: Awaited<ReturnType<typeof getTwoFactorPolicy>>;
  /** Null without owner.manage. */
  sso: SsoSettings | null;
};

export type SettingsPage = {
  orgSlug: string;
  /** Null without org.update: those members are told who may change the settings. */
  forms: SettingsForms | null;
  /** What a broken key setting is wrong with is said only to those with org.update. */
  auditKey: PublicKeyView;
};

/** Someone without library.view (an outside auditor) gets NOT_FOUND. */
export async function loadSettingsPage(ctx: OrgContext): Promise<SettingsPage> {
  if (!can(ctx.role, "library.view")) throw notFound();
  const update = can(ctx.role, "org.update");
  const [forms, sso] = await Promise.all([
    update ? loadForms(ctx) : Promise.resolve(null),
    can(ctx.role, "owner.manage") ? getSsoSettings(ctx) : Promise.resolve(null),
  ]);
  return {
    orgSlug: ctx.orgSlug,
    forms: forms && { ...forms, sso },
    auditKey: publicKeyView(update),
  };
}

async function loadForms(ctx: OrgContext): Promise<Omit<SettingsForms, "sso">> {
  const [organization, readiness, twoFactor] = await Promise.all([
    getOrganizationSettings(ctx),
    getReadinessSettings(ctx),
    getTwoFactorPolicy(ctx),
  ]);
  return { organization, readiness, timeZones: timeZoneNames(), twoFactor };
}

function timeZoneNames(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((name) => name !== "UTC")];
}
