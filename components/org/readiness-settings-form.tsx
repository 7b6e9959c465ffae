"use client";

import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  timeZone: string;
  defaultGraceDays: number;
  freshnessDays: number;
  version: number;
  /** Every IANA name the server knows, for the list of suggestions. */
  timeZones: string[];
  action: FormAction;
};

/** "Tuesday 2 December, 09:41" in `timeZone`, or null when the name is not a known zone. */
function localTime(timeZone: string, now: Date): string | null {
  try {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
    }).format(now);
  } catch {
    return null;
  }
}

/** The clock, read after the page has loaded (so server and browser render the same). */
function useNow(): Date | null {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    const tick = () => setNow(new Date());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 30_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  return now;
}

/** Time zone, default grace days and design-evidence freshness, saved together. */
export function ReadinessSettingsForm(props: Props) {
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(props.action);
  const [zone, setZone] = useState(props.timeZone);
  const now = useNow();
  const shown = now ? localTime(zone.trim(), now) : null;
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl space-y-4">
      <IdField name="orgSlug" value={props.orgSlug} />
      <IdField name="version" value={props.version} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {fieldErrors?.version ? <StaleAlert conflict={fieldErrors.version} /> : null}
      {result?.ok ? <Alert tone="success">Saved.</Alert> : null}
      <div>
        <Field
          label="Time zone"
          name="timeZone"
          list="time-zone-names"
          autoComplete="off"
          value={zone}
          onChange={(event) => setZone(event.target.value)}
          errors={fieldErrors?.timeZone}
          hint="Decides when the organisation's day changes: today's date for every readiness figure, export and reminder. Type to search, e.g. Europe/Berlin."
          required
        />
        <datalist id="time-zone-names">
          {props.timeZones.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <p className="mt-1 text-sm text-slate-700" aria-live="polite">
          {now ? (shown ? `Local time there now: ${shown}` : "Not a known time zone.") : null}
        </p>
      </div>
      <Field
        label="Default grace days"
        name="defaultGraceDays"
        type="number"
        inputMode="numeric"
        min={0}
        max={90}
        step={1}
        defaultValue={props.defaultGraceDays}
        errors={fieldErrors?.defaultGraceDays}
        hint="What a new control starts with: days after an occurrence ends that its evidence may still arrive before the occurrence counts as missing (0–90). Existing controls keep their own."
        required
      />
      <Field
        label="Design evidence freshness (days)"
        name="freshnessDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={1825}
        step={1}
        defaultValue={props.freshnessDays}
        errors={fieldErrors?.freshnessDays}
        hint="How old design evidence may be and still count; older evidence is shown as stale (usually 365)."
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save readiness settings"}
      </Button>
    </form>
  );
}
