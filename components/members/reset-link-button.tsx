"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Issued = { link: string; expiresAt: string };
type Props = {
  orgSlug: string;
  membershipId: string;
  memberName: string;
  action: FormAction<Issued>;
};

const timeFormat = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "UTC" });

/** An owner issues a one-hour password reset link for a member, shown once, to hand over. */
export function ResetLinkButton({ orgSlug, membershipId, memberName, action }: Props) {
  const [open, setOpen] = useState(false);
  const { pending, onSubmit, result } = useActionForm(action);
  const issued = result?.ok ? result.data : null;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Reset password of ${memberName}`}>
          Reset password
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Reset the password of {memberName}?</DialogTitle>
        <DialogDescription>
          You get a link, valid once for an hour, to give {memberName} yourself (by a channel you
          trust). Whoever opens it can choose their password, so keep it to them. Issuing it is
          written to the activity log.
        </DialogDescription>
        {issued ? (
          <div className="mt-4 space-y-2">
            <label className="block text-xs font-medium" htmlFor={`reset-link-${membershipId}`}>
              Reset link (shown only now, valid until{" "}
              {timeFormat.format(new Date(issued.expiresAt))} UTC)
            </label>
            <input
              id={`reset-link-${membershipId}`}
              readOnly
              value={issued.link}
              className="w-full rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
              onFocus={(event) => event.currentTarget.select()}
            />
            <div className="flex justify-end">
              <DialogClose asChild>
                <Button type="button">Done</Button>
              </DialogClose>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="mt-6 space-y-4">
            <IdField name="orgSlug" value={orgSlug} />
            <IdField name="membershipId" value={membershipId} />
            {result && !result.ok ? <Alert tone="error">{result.message}</Alert> : null}
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </DialogClose>
              <Button type="submit" disabled={pending}>
                {pending ? "Working…" : "Issue reset link"}
              </Button>
            </div>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
