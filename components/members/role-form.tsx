"use client";

import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  membershipId: string;
  memberName: string;
  role: string;
  /** The membership's version as the page showed it. */
  version: number;
  roles: readonly string[];
  action: FormAction;
};

export function RoleForm({
  orgSlug,
  membershipId,
  memberName,
  role,
  version,
  roles,
  action,
}: Props) {
  const id = useId();
  const { pending, onSubmit, result } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-2">
      <IdField name="orgSlug" value={orgSlug} />
      <IdField name="membershipId" value={membershipId} />
      <IdField name="version" value={version} />
      <Label htmlFor={id} className="sr-only">
        Role of {memberName}
      </Label>
      <Select id={id} name="role" defaultValue={role} className="w-32 py-1">
        {roles.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </Select>
      <Button
        type="submit"
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-label={`Save role of ${memberName}`}
      >
        {pending ? "Saving…" : "Save"}
      </Button>
      {result?.ok ? (
        <span role="status" className="text-xs text-green-700">
          Saved
        </span>
      ) : null}
      {result && !result.ok && result.fieldErrors?.version ? (
        <div className="w-full">
          <StaleAlert conflict={result.fieldErrors.version} kept="Your choice of role is kept." />
        </div>
      ) : null}
      {result && !result.ok && !result.fieldErrors?.version ? (
        <Alert tone="error" className="w-full py-1">
          {result.message}
        </Alert>
      ) : null}
    </form>
  );
}
