"use client";

import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { Label, Select } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Invited = { link: string; email: string; emailed: boolean; expiresAt: string };

export function InviteForm({
  orgSlug,
  roles,
  action,
}: {
  orgSlug: string;
  roles: readonly string[];
  action: FormAction<Invited>;
}) {
  const roleId = useId();
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(
    action,
    (_data, form) => form.reset(),
  );
  const invited = result?.ok ? result.data : null;
  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        noValidate
        className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start"
      >
        <IdField name="orgSlug" value={orgSlug} />
        <Field
          label="Email address"
          name="email"
          type="email"
          autoComplete="off"
          errors={fieldErrors?.email}
          required
        />
        <div className="space-y-1">
          <Label htmlFor={roleId}>Role</Label>
          <Select
            id={roleId}
            name="role"
            defaultValue={roles.includes("editor") ? "editor" : roles[0]}
          >
            {roles.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </Select>
          <FieldErrors errors={fieldErrors?.role} />
        </div>
        <Button type="submit" className="sm:mt-6" disabled={pending}>
          {pending ? "Inviting…" : "Send invitation"}
        </Button>
      </form>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {invited ? (
        <Alert tone="success">
          <p>
            Invitation for <strong>{invited.email}</strong> created
            {invited.emailed ? " and emailed" : ""}. It works once and expires on{" "}
            {new Date(invited.expiresAt).toUTCString()}.
          </p>
          <label className="mt-2 block text-xs font-medium" htmlFor={`${roleId}-link`}>
            Invitation link (shown only now)
          </label>
          <input
            id={`${roleId}-link`}
            readOnly
            value={invited.link}
            className="mt-1 w-full rounded border border-green-300 bg-white px-2 py-1 font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
        </Alert>
      ) : null}
    </div>
  );
}
