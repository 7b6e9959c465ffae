"use client";

import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  membershipId: string;
  memberName: string;
  role: string;
  roles: readonly string[];
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<null>>;
};

export function RoleForm({ orgSlug, membershipId, memberName, role, roles, action }: Props) {
  const id = useId();
  const { pending, onSubmit, result } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      <input type="hidden" name="membershipId" value={membershipId} />
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
      <Button type="submit" size="sm" variant="secondary" disabled={pending} aria-label={`Save role of ${memberName}`}>
        {pending ? "Saving…" : "Save"}
      </Button>
      {result?.ok ? (
        <span role="status" className="text-xs text-green-700">
          Saved
        </span>
      ) : null}
      {result && !result.ok ? (
        <Alert tone="error" className="w-full py-1">
          {result.message}
        </Alert>
      ) : null}
    </form>
  );
}
