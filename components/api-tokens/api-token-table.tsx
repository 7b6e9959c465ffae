import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/action-result";
import type { ApiTokenView } from "@/lib/db/api-tokens-page";

const STATE_TONE = { active: "success", expired: "warning", revoked: "neutral" } as const;

type Props = { orgSlug: string; tokens: ApiTokenView[]; revoke: FormAction<unknown> };

/** Every token of the organisation, newest first: what it may do, when it was last used. */
export function ApiTokenTable({ orgSlug, tokens, revoke }: Props) {
  return (
    <Table aria-label="API tokens">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Role</Th>
          <Th>Engagements</Th>
          <Th>Created</Th>
          <Th>Expires</Th>
          <Th>State</Th>
          <Th>Last use</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <Td className="font-medium">
              {token.name}
              <div className="font-mono text-xs font-normal text-slate-500">{token.prefix}…</div>
            </Td>
            <Td>{token.role}</Td>
            <Td>
              {token.engagements === null ? "Every engagement" : token.engagements.join(", ")}
            </Td>
            <Td>
              {token.createdAt}
              <div className="text-xs text-slate-500">by {token.createdBy}</div>
            </Td>
            <Td>{token.expiresAt}</Td>
            <Td>
              <Badge tone={STATE_TONE[token.state]}>{token.state}</Badge>
              {token.state === "active" && token.creatorLeft ? (
                <div className="mt-1 text-xs text-amber-900">
                  Refused: {token.createdBy} is no longer an owner or admin here
                </div>
              ) : null}
            </Td>
            <Td>{token.lastUse ?? <span className="text-slate-500">Never used</span>}</Td>
            <Td className="text-right">
              {token.state === "active" ? (
                <ConfirmAction
                  triggerLabel="Revoke"
                  triggerAriaLabel={`Revoke token ${token.name}`}
                  title={`Revoke the token “${token.name}”?`}
                  description="Requests made with it are refused from now on; this cannot be undone. What it changed stays in the activity log."
                  confirmLabel="Revoke token"
                  action={revoke}
                  fields={{ orgSlug, tokenId: token.id }}
                />
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
