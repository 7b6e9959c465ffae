"use client";

import { useId } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldErrors } from "@/components/ui/field";
import { Input, Label, Select } from "@/components/ui/input";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  requestId: string;
  version: number;
  assigneeId: string | null;
  dueDate: string | null;
  members: { id: string; name: string }[];
  action: FormAction;
};

/** Who on the team answers the request, and by when. */
export function ScheduleForm({
  orgSlug,
  requestId,
  version,
  assigneeId,
  dueDate,
  members,
  action,
}: Props) {
  const id = useId();
  return (
    <ActionForm
      action={action}
      hidden={{ orgSlug, requestId, version: String(version) }}
      submitLabel="Save assignee and due date"
      className="flex flex-wrap items-end gap-3"
    >
      {(errors) => (
        <>
          <div className="space-y-1">
            <Label htmlFor={`${id}-assignee`}>Assignee</Label>
            <Select id={`${id}-assignee`} name="assigneeId" defaultValue={assigneeId ?? ""}>
              <option value="">Nobody</option>
              {members.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </Select>
            <FieldErrors errors={errors?.assigneeId} />
          </div>
          <div className="space-y-1">
            <Label htmlFor={`${id}-due`}>Due date</Label>
            <Input id={`${id}-due`} type="date" name="dueDate" defaultValue={dueDate ?? ""} />
            <FieldErrors errors={errors?.dueDate} />
          </div>
        </>
      )}
    </ActionForm>
  );
}
