import type { Metadata } from "next";
import { RenameOrgForm } from "@/components/org/rename-org-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { can } from "@/lib/domain/permissions";
import { renameOrganizationAction } from "./actions";
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
        <Card>
          <CardTitle className="mb-4">Organisation</CardTitle>
          <RenameOrgForm orgSlug={ctx.orgSlug} name={ctx.orgName} action={renameOrganizationAction} />
        </Card>
      ) : (
        <Alert tone="info">Only owners and admins can change the organisation&apos;s settings.</Alert>
      )}
    </>
  );
}
