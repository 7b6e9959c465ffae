import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/action-result";

export type SessionItem = {
  id: string;
  device: string;
  address: string;
  lastSeen: string;
  signedIn: string;
  current: boolean;
};

type Props = {
  sessions: SessionItem[];
  revokeAction: FormAction;
};

/** Where the user is signed in; any session but this one can be ended. */
export function SessionList({ sessions, revokeAction }: Props) {
  return (
    <Table aria-label="Signed-in devices">
      <thead>
        <tr>
          <Th>Device</Th>
          <Th>Address</Th>
          <Th>Last seen</Th>
          <Th>Signed in</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => (
          <tr key={session.id}>
            <Td className="font-medium">
              {session.device}
              {session.current ? (
                <Badge tone="brand" className="ml-2">
                  This device
                </Badge>
              ) : null}
            </Td>
            <Td>{session.address}</Td>
            <Td>{session.lastSeen}</Td>
            <Td>{session.signedIn}</Td>
            <Td className="text-right">
              {session.current ? null : (
                <ConfirmAction
                  triggerLabel="Sign out"
                  triggerAriaLabel={`Sign out ${session.device}, last seen ${session.lastSeen}`}
                  title={`Sign out ${session.device}?`}
                  description="That browser is signed out at once; whoever uses it has to sign in again."
                  confirmLabel="Sign out device"
                  action={revokeAction}
                  fields={{ sessionId: session.id }}
                />
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
