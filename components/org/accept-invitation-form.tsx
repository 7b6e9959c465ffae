"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  token: string;
  orgName: string;
  action: FormAction<{ orgSlug: string }>;
};

export function AcceptInvitationForm({ token, orgName, action }: Props) {
  const router = useRouter();
  const { pending, onSubmit, formError } = useActionForm(action, ({ orgSlug }) => {
    router.push(`/o/${orgSlug}`);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <IdField name="token" value={token} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : `Join ${orgName}`}
      </Button>
    </form>
  );
}
