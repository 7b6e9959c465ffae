"use client";

import { useId } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Invited = { link: string; email: string; emailed: boolean; expiresAt: string };

type Props = {
  orgSlug: string;
  engagements: { id: string; name: string }[];
  defaultLastDay: string;
  action: FormAction<Invited>;
};

export function InviteAuditorForm({ orgSlug, engagements, defaultLastDay, action }: Props) {
  const id = useId();
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(
    action,
    (_data, form) => form.reset(),
  );
  const invited = result?.ok ? result.data : null;
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <IdField name="orgSlug" value={orgSlug} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Auditor's email address"
            name="email"
            type="email"
            autoComplete="off"
            errors={fieldErrors?.email}
            required
          />
          <Field
            label="Last day of access"
            name="lastDay"
            type="date"
            defaultValue={defaultLastDay}
            errors={fieldErrors?.lastDay}
            required
          />
        </div>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Engagements they may see</legend>
          {engagements.map((engagement) => (
            <label key={engagement.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="engagementIds"
                value={engagement.id}
                className="h-4 w-4"
              />
              {engagement.name}
            </label>
          ))}
          <FieldErrors errors={fieldErrors?.engagementIds} />
        </fieldset>
        <Button type="submit" disabled={pending}>
          {pending ? "Inviting…" : "Invite auditor"}
        </Button>
      </form>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {invited ? (
        <Alert tone="success">
          <p>
            Invitation for <strong>{invited.email}</strong> created
            {invited.emailed ? " and emailed" : ""}. The link works once and expires on{" "}
            {new Date(invited.expiresAt).toUTCString()}.
          </p>
          <label className="mt-2 block text-xs font-medium" htmlFor={`${id}-link`}>
            Invitation link (shown only now)
          </label>
          <input
            id={`${id}-link`}
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
