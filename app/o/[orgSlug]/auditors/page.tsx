import type { Metadata } from "next";
import { AuditorAccessTable, AuditorActivityTable } from "@/components/auditors/auditor-tables";
import { InviteAuditorForm } from "@/components/auditors/invite-auditor-form";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadAuditorsPage } from "@/lib/db/auditors-page";
import { todayFor } from "@/lib/server/clock";
import { notFoundOnAppError } from "@/lib/server/not-found";
import {
  extendAuditorAccessAction,
  inviteAuditorAction,
  revokeAuditorAccessAction,
} from "./actions";

export const metadata: Metadata = { title: "Auditors" };

type Props = { params: Promise<{ orgSlug: string }> };

export default async function AuditorsPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const page = await notFoundOnAppError(loadAuditorsPage(ctx, await todayFor(ctx)));
  const { auditors, pending, engagements, activity } = page;

  return (
    <>
      <PageHeader
        title="Auditors"
        description="Outside auditors see only the engagements you give them, read-only, until the last day you choose. Everything they open is logged below."
      />
      <Card className="mb-6">
        <CardTitle>Invite an auditor</CardTitle>
        <CardDescription className="mb-4">
          They receive a single-use link. Access ends automatically after the last day, or at once
          when you revoke it.
        </CardDescription>
        {engagements.length === 0 ? (
          <p className="text-sm text-slate-600">
            Create an engagement first; auditors are given access to engagements.
          </p>
        ) : (
          <InviteAuditorForm
            orgSlug={page.orgSlug}
            engagements={engagements}
            defaultLastDay={page.defaultLastDay}
            action={inviteAuditorAction}
          />
        )}
      </Card>

      <section className="mb-8" aria-labelledby="auditor-list">
        <h2 id="auditor-list" className="mb-3 text-lg font-semibold">
          Auditors and their access
        </h2>
        {auditors.length === 0 ? (
          <p className="text-sm text-slate-600">No auditor has accepted an invitation yet.</p>
        ) : (
          <AuditorAccessTable
            page={page}
            extend={extendAuditorAccessAction}
            revoke={revokeAuditorAccessAction}
          />
        )}
        {pending.length ? (
          <p className="mt-3 text-sm text-slate-600">
            Waiting for:{" "}
            {pending
              .map(
                (invitation) =>
                  `${invitation.email} (${invitation.engagementNames.join(", ")}, until ${invitation.lastDay ?? "?"})`,
              )
              .join("; ")}
            . Revoke unused links on the Members page.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="auditor-activity">
        <h2 id="auditor-activity" className="mb-3 text-lg font-semibold">
          What auditors looked at
        </h2>
        {activity.length === 0 ? (
          <p className="text-sm text-slate-600">
            Nothing yet. Each page an auditor opens and each file they download appears here.
          </p>
        ) : (
          <AuditorActivityTable activity={activity} />
        )}
      </section>
    </>
  );
}
