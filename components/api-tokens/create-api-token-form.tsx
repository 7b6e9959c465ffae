"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { IdField } from "@/components/ui/id-field";
import { SelectField } from "@/components/ui/select-field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { NewApiTokenSecret } from "./new-api-token-secret";

type Created = { id: string; secret: string; name: string };

type Props = {
  orgSlug: string;
  engagements: { id: string; name: string }[];
  expiry: { min: string; max: string; default: string };
  timeZone: string;
  action: FormAction<Created>;
};

const ROLES = [
  { value: "viewer", label: "Viewer: reads only" },
  {
    value: "editor",
    label: "Editor: also writes controls, mappings, evidence, events, exceptions",
  },
] as const;

/** Name, role, engagements and expiry; on success the secret, shown once. */
export function CreateApiTokenForm({ orgSlug, engagements, expiry, timeZone, action }: Props) {
  const router = useRouter();
  const [scope, setScope] = useState<"all" | "some">("all");
  const [created, setCreated] = useState<Created | null>(null);
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action, (data, form) => {
    setCreated(data);
    form.reset();
    setScope("all");
    router.refresh();
  });
  return (
    <div className="space-y-4">
      {created ? (
        <NewApiTokenSecret
          name={created.name}
          secret={created.secret}
          onDone={() => setCreated(null)}
        />
      ) : null}
      <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
        <IdField name="orgSlug" value={orgSlug} />
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <Field
          label="Token name"
          name="name"
          autoComplete="off"
          maxLength={100}
          required
          hint="Say what uses it, e.g. “GitHub Actions: backup report”."
          errors={fieldErrors?.name}
        />
        <SelectField
          label="Role"
          name="role"
          options={ROLES}
          defaultValue="viewer"
          errors={fieldErrors?.role}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Engagements it may use</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="engagementLimit"
              value="all"
              checked={scope === "all"}
              onChange={() => setScope("all")}
              className="h-4 w-4"
            />
            Every engagement, and controls outside any engagement
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="engagementLimit"
              value="some"
              checked={scope === "some"}
              onChange={() => setScope("some")}
              className="h-4 w-4"
              disabled={engagements.length === 0}
            />
            Only these engagements and the controls mapped to them
          </label>
          {scope === "some" ? (
            <div className="ml-6 space-y-1">
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
            </div>
          ) : null}
          <FieldErrors errors={fieldErrors?.engagementIds ?? fieldErrors?.engagementLimit} />
        </fieldset>
        <Field
          label="Expires on"
          name="expiresOn"
          type="date"
          min={expiry.min}
          max={expiry.max}
          defaultValue={expiry.default}
          required
          hint={`The token stops working as this day begins (${timeZone}); at most a year from today.`}
          errors={fieldErrors?.expiresOn}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </form>
    </div>
  );
}
