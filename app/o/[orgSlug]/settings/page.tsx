import type { Metadata } from "next";
import Link from "next/link";
import { AuditKeyCard } from "@/components/org/audit-key-card";
import { ReadinessSettingsForm } from "@/components/org/readiness-settings-form";
import { RenameOrgForm } from "@/components/org/rename-org-form";
import { TwoFactorPolicyCard } from "@/components/org/two-factor-policy-card";
import { Alert } from "@/components/ui/alert";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { publicKeyView } from "@/lib/audit-key";
import { requireOrgContext } from "@/lib/auth/session";
import { getReadinessSettings } from "@/lib/db/organization-settings";
import { getOrganizationSettings } from "@/lib/db/organizations";
import { getTwoFactorPolicy } from "@/lib/db/two-factor-policy";
import { can } from "@/lib/domain/permissions";
import {
  renameOrganizationAction,
  setRequireTwoFactorAction,
  updateReadinessSettingsAction,
} from "./actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "Settings" };

type Props = { params: Promise<{ orgSlug: string }> };

/** "UTC" first (some runtimes list it only as "Etc/UTC"), then every IANA name. */
function timeZoneNames(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((name) => name !== "UTC")];
}

export default async function SettingsPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  return (
    <>
      <PageHeader title="Settings" />
      {can(ctx.role, "org.update") ? (
        <>
          <Card>
            <CardTitle className="mb-4">Organisation</CardTitle>
            <RenameOrgForm
              orgSlug={ctx.orgSlug}
              {...await getOrganizationSettings(ctx)}
              action={renameOrganizationAction}
            />
          </Card>
          <Card className="mt-6">
            <CardTitle>Readiness</CardTitle>
            <CardDescription className="mb-4">
              How readiness is judged across every engagement of the organisation.
            </CardDescription>
            <ReadinessSettingsForm
              orgSlug={ctx.orgSlug}
              {...await getReadinessSettings(ctx)}
              timeZones={timeZoneNames()}
              action={updateReadinessSettingsAction}
            />
          </Card>
          <TwoFactorPolicyCard
            orgSlug={ctx.orgSlug}
            {...await getTwoFactorPolicy(ctx)}
            action={setRequireTwoFactorAction}
          />
          {can(ctx.role, "owner.manage") ? (
            <Card className="mt-6">
              <CardTitle>Single sign-on</CardTitle>
              <CardDescription>
                <Link
                  className="text-brand-700 hover:underline"
                  href={`/o/${ctx.orgSlug}/settings/sso`}
                >
                  Claim your email domain, let its people join by SSO, or require SSO
                </Link>
                .
              </CardDescription>
            </Card>
          ) : null}
          <Card className="mt-6">
            <CardTitle>API tokens</CardTitle>
            <CardDescription>
              <Link
                className="text-brand-700 hover:underline"
                href={`/o/${ctx.orgSlug}/settings/api-tokens`}
              >
                Create and revoke tokens for CI jobs and integrations using the REST API
              </Link>
              .
            </CardDescription>
          </Card>
          <Card className="mt-6">
            <CardTitle>Scheduled jobs</CardTitle>
            <CardDescription>
              Daily readiness snapshots, reminder digests and file cleanup:{" "}
              <Link
                className="text-brand-700 hover:underline"
                href={`/o/${ctx.orgSlug}/settings/jobs`}
              >
                their last and next runs, and any failures
              </Link>
              .
            </CardDescription>
          </Card>
        </>
      ) : (
        <Alert tone="info">
          Only owners and admins can change the organisation&apos;s settings.
        </Alert>
      )}
      <AuditKeyCard view={publicKeyView(can(ctx.role, "org.update"))} />
    </>
  );
}
