import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  required: boolean;
  notEnrolled: { name: string; email: string; role: string }[];
  action: FormAction;
};

/** "Members must use two-factor": the switch (behind a confirmation) and who has not enrolled. */
export function TwoFactorPolicyCard({ orgSlug, required, notEnrolled, action }: Props) {
  const waiting = notEnrolled.length;
  return (
    <Card className="mt-6">
      <CardTitle>Two-factor sign-in</CardTitle>
      <CardDescription className="mb-4">
        {required
          ? "Members must use two-factor. Anyone who has not set it up is sent to do so before they can open anything here."
          : "Members may use two-factor, but do not have to."}
      </CardDescription>
      <ConfirmAction
        triggerLabel={
          required ? "Stop requiring two-factor" : "Require two-factor for every member"
        }
        title={required ? "Stop requiring two-factor?" : "Require two-factor for every member?"}
        description={
          required
            ? "Members will be able to turn two-factor off again, and new members will not have to set it up."
            : `Members without two-factor (${waiting} now) are sent to set it up at their next visit and cannot use the organisation until they have. Members with it on can no longer turn it off.`
        }
        confirmLabel={required ? "Stop requiring" : "Require two-factor"}
        action={action}
        fields={{ orgSlug, requireTwoFactor: required ? "" : "on" }}
      />
      <h3 className="mb-2 mt-6 text-sm font-medium text-slate-900">
        Members without two-factor ({waiting})
      </h3>
      {waiting ? (
        <Table aria-label="Members without two-factor">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Role</Th>
            </tr>
          </thead>
          <tbody>
            {notEnrolled.map((member) => (
              <tr key={member.email}>
                <Td>{member.name}</Td>
                <Td>{member.email}</Td>
                <Td>{member.role}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p className="text-sm text-slate-600">Every member has two-factor on.</p>
      )}
    </Card>
  );
}
