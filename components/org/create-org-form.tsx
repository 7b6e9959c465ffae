"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";

export function CreateOrgForm({ action }: { action: FormAction<{ slug: string }> }) {
  const router = useRouter();
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action, ({ slug }) => {
    router.push(`/o/${slug}`);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field
        label="Organisation name"
        name="name"
        autoComplete="organization"
        errors={fieldErrors?.name}
        hint="Shown to your team and on exports. You can change it later."
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create organisation"}
      </Button>
    </form>
  );
}
