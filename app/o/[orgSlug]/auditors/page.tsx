import type { Metadata } from "next";
import { ExtendAccessForm } from "@/components/auditors/extend-access-form";
import { InviteAuditorForm } from "@/components/auditors/invite-auditor-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { listAuditorActivity, listAuditors } from "@/lib/db/auditor-access";
import { listEngagements } from "@/lib/db/engagements";
import { addDays } from "@/lib/domain/readiness/calendar";
import { todayFor } from "@/lib/server/clock";
import { notFoundUnlessCan } from "@/lib/server/not-found";
import {
  extendAuditorAccessAction,
  inviteAuditorAction,
  revokeAuditorAccessAction,
} from "./actions";

export const metadata: Metadata = { title: "Auditors" };

type Props = { params: Promise<{ orgSlug: string }> };

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const STATE_TONE = { active: "success", expired: "warning", revoked: "neutral" } as const;

export default async function AuditorsPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "auditor.manage");
  const [{ auditors, invitations }, engagements, activity, today] = await Promise.all([
    listAuditors(ctx),
    listEngagements(ctx),
    listAuditorActivity(ctx),
    todayFor(ctx),
  ]);
  const pending = invitations.filter((invitation) => invitation.state === "pending");

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
            orgSlug={ctx.orgSlug}
            engagements={engagements.map(({ id, name }) => ({ id, name }))}
            defaultLastDay={addDays(today, 90)}
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
          <Table aria-label="Auditor access">
            <thead>
              <tr>
                <Th>Auditor</Th>
                <Th>Engagement</Th>
                <Th>Access</Th>
                <Th>Last day</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {auditors.flatMap((auditor) =>
                auditor.grants.map((grant) => (
                  <tr key={grant.id}>
                    <Td className="font-medium">
                      {auditor.name}
                      <div className="text-xs font-normal text-slate-500">{auditor.email}</div>
                    </Td>
                    <Td>{grant.engagementName}</Td>
                    <Td>
                      <Badge tone={STATE_TONE[grant.state]}>{grant.state}</Badge>
                    </Td>
                    <Td>
                      <ExtendAccessForm
                        orgSlug={ctx.orgSlug}
                        accessId={grant.id}
                        engagementName={grant.engagementName}
                        lastDay={grant.lastDay}
                        action={extendAuditorAccessAction}
                      />
                    </Td>
                    <Td className="text-right">
                      {grant.state === "active" ? (
                        <ConfirmAction
                          triggerLabel="Revoke"
                          triggerAriaLabel={`Revoke ${auditor.name}'s access to ${grant.engagementName}`}
                          title={`Revoke ${auditor.name}'s access?`}
                          description={`${auditor.name} will no longer see ${grant.engagementName}, from their next click. What they viewed stays in the log.`}
                          confirmLabel="Revoke access"
                          action={revokeAuditorAccessAction}
                          fields={{ orgSlug: ctx.orgSlug, accessId: grant.id }}
                        />
                      ) : null}
                    </Td>
                  </tr>
                )),
              )}
            </tbody>
          </Table>
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
          <Table aria-label="Auditor activity">
            <thead>
              <tr>
                <Th>When (UTC)</Th>
                <Th>Auditor</Th>
                <Th>Did</Th>
                <Th>What</Th>
              </tr>
            </thead>
            <tbody>
              {activity.map((row) => (
                <tr key={row.id}>
                  <Td className="whitespace-nowrap tabular-nums">{timeFormat.format(row.at)}</Td>
                  <Td>{row.auditor}</Td>
                  <Td>{row.action}</Td>
                  <Td>{row.label}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </>
  );
}
