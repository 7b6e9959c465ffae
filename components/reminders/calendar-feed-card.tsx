"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Label } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  active: boolean;
  /** When the current address was issued, formatted; null when there is none. */
  issued: string | null;
  origin: string;
  issue: FormAction<{ path: string }>;
  revoke: FormAction;
};

/** The member's secret calendar address: issued (shown once), replaced or turned off. */
export function CalendarFeedCard({ orgSlug, active, issued, origin, issue, revoke }: Props) {
  const { pending, onSubmit, formError, result } = useActionForm(issue);
  const shown = result?.ok ? `${origin}${result.data.path}` : null;
  return (
    <div className="space-y-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {shown ? (
        <div className="space-y-1">
          <Label htmlFor="calendar-address">Your calendar address (shown only now)</Label>
          <input
            id="calendar-address"
            readOnly
            value={shown}
            className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <p className="text-xs text-slate-600">
            Add it to Google Calendar (Other calendars, From URL) or Outlook (Add calendar,
            Subscribe from web). Anyone with this address can read your due dates: keep it private.
            It will not be shown again; issue a new one if you lose it.
          </p>
        </div>
      ) : (
        <p className="text-sm text-slate-700">
          {active
            ? `A calendar address is active (issued ${issued ?? "earlier"}).`
            : "No calendar address is active."}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <form onSubmit={onSubmit} noValidate>
          <IdField name="orgSlug" value={orgSlug} />
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending
              ? "Issuing…"
              : active || shown
                ? "Replace the address"
                : "Create a calendar address"}
          </Button>
        </form>
        {active || shown ? (
          <ConfirmAction
            triggerLabel="Turn the calendar off"
            title="Turn the calendar feed off?"
            description="The address stops working at once: calendars subscribed to it will no longer update. You can create a new address later."
            confirmLabel="Turn off"
            action={revoke}
            fields={{ orgSlug }}
          />
        ) : null}
      </div>
    </div>
  );
}
