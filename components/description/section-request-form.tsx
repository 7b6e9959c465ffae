"use client";

import { useId } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldErrors } from "@/components/ui/field";
import { Label, Textarea } from "@/components/ui/input";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  engagementId: string;
  sectionKey: string;
  action: FormAction<{ id: string }>;
};

/** The auditor's question about the section they are reading. */
export function SectionRequestForm({ orgSlug, engagementId, sectionKey, action }: Props) {
  const id = useId();
  return (
    <ActionForm
      action={action}
      hidden={{ orgSlug, engagementId, sectionKey }}
      submitLabel="Send request"
      successMessage={() => "Request sent. The team sees it beside this section."}
    >
      {(errors) => (
        <div className="space-y-1">
          <Label htmlFor={`${id}-body`}>Ask about this section</Label>
          <Textarea
            id={`${id}-body`}
            name="body"
            rows={3}
            placeholder="Which data centres host the production database?"
            aria-invalid={errors?.body?.length ? true : undefined}
          />
          <FieldErrors errors={errors?.body} />
        </div>
      )}
    </ActionForm>
  );
}
