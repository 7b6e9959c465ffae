"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { IdField } from "@/components/ui/id-field";
import { Checkbox } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select-field";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  ssoDomain: string | null;
  ssoJoinRole: "viewer" | "editor" | null;
  requireSso: boolean;
  version: number;
  action: FormAction;
};

const JOIN_ROLES = [
  { value: "none", label: "Nobody joins by SSO (invitations only)" },
  { value: "viewer", label: "Viewer" },
  { value: "editor", label: "Editor" },
] as const;

/** The claimed domain, the just-in-time join role and "require SSO", saved together. */
export function SsoSettingsForm(props: Props) {
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(props.action);
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      <IdField name="orgSlug" value={props.orgSlug} />
      <IdField name="version" value={props.version} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {fieldErrors?.version ? <StaleAlert conflict={fieldErrors.version} /> : null}
      {result?.ok ? <Alert tone="success">Saved.</Alert> : null}
      <Field
        label="Email domain"
        name="ssoDomain"
        autoComplete="off"
        defaultValue={props.ssoDomain ?? ""}
        errors={fieldErrors?.ssoDomain}
        hint="Your company's own domain, e.g. example.com (public mail services such as gmail.com cannot be claimed). Leave blank to release it."
      />
      <SelectField
        label="People from this domain who sign in with SSO join as"
        name="ssoJoinRole"
        options={JOIN_ROLES}
        defaultValue={props.ssoJoinRole ?? "none"}
        errors={fieldErrors?.ssoJoinRole}
      />
      <div>
        <label className="flex items-start gap-2 text-sm">
          <Checkbox name="requireSso" defaultChecked={props.requireSso} className="mt-1" />
          <span>
            Require SSO: members cannot sign in with a password. Owners keep a break-glass password
            sign-in, recorded in the activity log.
          </span>
        </label>
        <FieldErrors errors={fieldErrors?.requireSso} />
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save single sign-on settings"}
      </Button>
    </form>
  );
}
