"use client";

import { useId } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldErrors } from "@/components/ui/field";
import { Label, Select, Textarea } from "@/components/ui/input";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  /** One engagement, or a choice when the control serves several of the auditor's engagements. */
  engagements: { id: string; name: string }[];
  target: { requirementId: string } | { controlId: string };
  action: FormAction<{ id: string }>;
};

/** An auditor's request on a requirement or a control ("please provide the Q2 access review"). */
export function RequestForm({ orgSlug, engagements, target, action }: Props) {
  const id = useId();
  const [only] = engagements;
  const hidden: Record<string, string> = {
    orgSlug,
    ...target,
    ...(engagements.length === 1 && only ? { engagementId: only.id } : {}),
  };
  return (
    <ActionForm
      action={action}
      hidden={hidden}
      submitLabel="Send request"
      successMessage={() => "Request sent. The team sees it under Auditor requests."}
    >
      {(errors) => (
        <>
          {engagements.length > 1 ? (
            <div className="space-y-1">
              <Label htmlFor={`${id}-engagement`}>Engagement</Label>
              <Select id={`${id}-engagement`} name="engagementId">
                {engagements.map((engagement) => (
                  <option key={engagement.id} value={engagement.id}>
                    {engagement.name}
                  </option>
                ))}
              </Select>
              <FieldErrors errors={errors?.engagementId} />
            </div>
          ) : null}
          <div className="space-y-1">
            <Label htmlFor={`${id}-body`}>Request or comment</Label>
            <Textarea
              id={`${id}-body`}
              name="body"
              rows={3}
              placeholder="Please provide the Q2 access review."
              aria-invalid={errors?.body?.length ? true : undefined}
            />
            <FieldErrors errors={errors?.body} />
          </div>
        </>
      )}
    </ActionForm>
  );
}
