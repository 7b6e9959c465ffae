import type { Metadata } from "next";
import Link from "next/link";
import { AuditKeyCard } from "@/components/org/audit-key-card";
import { ReadinessSettingsForm } from "@/components/org/readiness-settings-form";
import { RenameOrgForm } from "@/components/org/rename-org-form";
import { TwoFactorPolicyCard } from "@/components/org/two-factor-policy-card";
import { Alert } from "@/components/ui/alert";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadSettingsPage } from "@/lib/db/settings-page";
import { notFoundOnAppError } from "@/lib/server/not-found";
import {
  renameOrganizationAction,
  setRequireTwoFactorAction,
  updateReadinessSettingsAction,
} from "./actions";

export const metadata: Metadata = { title: "Settings" };

type Props = { params: Promise<{ orgSlug: string }> };

export default async function SettingsPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const { orgSlug, forms, auditKey } = await notFoundOnAppError(loadSettingsPage(ctx));
  const base = `/o/${orgSlug}`;
  const link = "text-brand-700 underline underline-offset-2";
  return (
    <>
      <PageHeader
        title="Settings"
        description="What applies to the whole organisation. Each setting says what it changes; the settings kept on other pages are linked at the end."
      />
      {forms ? (
        <>
          <Card>
            <CardTitle>Organisation</CardTitle>
            <CardDescription className="mb-4">
              The name members and auditors see, and the one printed on every export.
            </CardDescription>
            <RenameOrgForm
              orgSlug={orgSlug}
              {...forms.organization}
              action={renameOrganizationAction}
            />
          </Card>
          <Card className="mt-6">
            <CardTitle>Readiness</CardTitle>
            <CardDescription className="mb-4">
              How readiness is judged across every engagement of the organisation.
            </CardDescription>
            <ReadinessSettingsForm
              orgSlug={orgSlug}
              {...forms.readiness}
              timeZones={forms.timeZones}
              action={updateReadinessSettingsAction}
            />
          </Card>
          <TwoFactorPolicyCard
            orgSlug={orgSlug}
            {...forms.twoFactor}
            action={setRequireTwoFactorAction}
          />
          {forms.sso ? (
            <Card className="mt-6">
              <CardTitle>Single sign-on</CardTitle>
              <CardDescription>
                {forms.sso.ssoDomain
                  ? `People with an address at ${forms.sso.ssoDomain} can sign in with your identity provider${forms.sso.requireSso ? ", and members must (owners keep a recorded emergency sign-in)" : ""}. `
                  : "No email domain is claimed, so members sign in with a password. "}
                <Link
                  className="text-brand-700 hover:underline"
                  href={`/o/${orgSlug}/settings/sso`}
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
                href={`/o/${orgSlug}/settings/api-tokens`}
              >
                Create and revoke tokens for CI jobs and integrations using the REST API
              </Link>
              .
            </CardDescription>
          </Card>
          <Card className="mt-6">
            <CardTitle>Scheduled jobs</CardTitle>
            <CardDescription>
              Daily readiness snapshots, reminder digests and file cleanup run on the
              organisation&apos;s day (its time zone above):{" "}
              <Link className="text-brand-700 hover:underline" href={`/o/${orgSlug}/settings/jobs`}>
                their last and next runs, and any failures
              </Link>
              .
            </CardDescription>
          </Card>
          <Card className="mt-6">
            <CardTitle>Settings on other pages</CardTitle>
            <ul
              className="mt-3 space-y-2 text-sm text-slate-700"
              aria-label="Settings on other pages"
            >
              <li>
                <Link className={link} href={`${base}/members`}>
                  Members and roles
                </Link>
                : who is on the team and what each role may change.
              </li>
              <li>
                <Link className={link} href={`${base}/auditors`}>
                  Auditor access
                </Link>
                : read-only access to chosen engagements, ending at the end of its last day in the
                organisation&apos;s time zone.
              </li>
              <li>
                <Link className={link} href={`${base}/reminders`}>
                  Reminders
                </Link>
                : each member chooses their own email digest and calendar feed.
              </li>
              <li>
                <Link className={link} href={`${base}/controls`}>
                  Grace days of existing controls
                </Link>
                : set on each control (or with bulk edit); the default above applies to new ones.
              </li>
            </ul>
          </Card>
        </>
      ) : (
        <Alert tone="info">
          Only owners and admins can change the organisation&apos;s settings.
        </Alert>
      )}
      <AuditKeyCard view={auditKey} />
    </>
  );
}
