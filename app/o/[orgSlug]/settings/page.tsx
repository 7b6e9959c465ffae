import type { Metadata } from "next";
import { AuditKeyCard } from "@/components/org/audit-key-card";
import { RenameOrgForm } from "@/components/org/rename-org-form";
import { TwoFactorPolicyCard } from "@/components/org/two-factor-policy-card";
import { Alert } from "@/components/ui/alert";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { publicKeyView } from "@/lib/audit-key";
import { requireOrgContext } from "@/lib/auth/session";
import { getOrganizationSettings } from "@/lib/db/organizations";
import { getTwoFactorPolicy } from "@/lib/db/two-factor-policy";
import { can } from "@/lib/domain/permissions";
import { renameOrganizationAction, setRequireTwoFactorAction } from "./actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "Settings" };

type Props = { params: Promise<{ orgSlug: string }> };

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
          <TwoFactorPolicyCard
            orgSlug={ctx.orgSlug}
            {...await getTwoFactorPolicy(ctx)}
            action={setRequireTwoFactorAction}
          />
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
