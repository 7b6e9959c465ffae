import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/action-result";
import type { AuditorsPage } from "@/lib/db/auditors-page";
import { ExtendAccessForm } from "./extend-access-form";

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const STATE_TONE = { active: "success", expired: "warning", revoked: "neutral" } as const;

type AccessProps = {
  page: AuditorsPage;
  extend: React.ComponentProps<typeof ExtendAccessForm>["action"];
  revoke: FormAction<unknown>;
};

/** One row per auditor and engagement: the access state, its last day (editable), revoke. */
export function AuditorAccessTable({ page, extend, revoke }: AccessProps) {
  return (
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
        {page.auditors.flatMap((auditor) =>
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
                  orgSlug={page.orgSlug}
                  accessId={grant.id}
                  engagementName={grant.engagementName}
                  lastDay={grant.lastDay}
                  action={extend}
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
                    action={revoke}
                    fields={{ orgSlug: page.orgSlug, accessId: grant.id }}
                  />
                ) : null}
              </Td>
            </tr>
          )),
        )}
      </tbody>
    </Table>
  );
}

/** What auditors opened and downloaded, newest first. */
export function AuditorActivityTable({ activity }: Pick<AuditorsPage, "activity">) {
  return (
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
  );
}
