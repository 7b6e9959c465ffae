"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { OccurrenceChoice } from "@/lib/domain/readiness/occurrences";
import { OccurrencePicker } from "./occurrence-picker";

export type EvidenceFieldValues = {
  purpose: string;
  effectiveDate: string;
  coverageEnd: string | null;
  eventId: string | null;
  slotKey: string | null;
};

type Props = {
  today: string;
  events: { id: string; label: string }[];
  occurrences: readonly OccurrenceChoice[];
  initial: EvidenceFieldValues;
  /** Preselects an occurrence though `initial.slotKey` is empty (the strip's links). */
  preselect?: string;
  errors?: Record<string, string[]>;
};

/** Purpose, dates, event and occurrence: shared by adding and correcting evidence. */
export function EvidenceFields({ today, events, occurrences, initial, preselect, errors }: Props) {
  const [purpose, setPurpose] = useState(initial.purpose);
  const [effectiveDate, setEffectiveDate] = useState(initial.effectiveDate);
  const [coverageEnd, setCoverageEnd] = useState(initial.coverageEnd ?? "");
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <SelectField
        label="Purpose"
        name="purpose"
        defaultValue={initial.purpose}
        onChange={(event) => setPurpose(event.target.value)}
        errors={errors?.purpose}
        options={[
          { value: "operating", label: "Operating (an occurrence)" },
          { value: "design", label: "Design (policy, configuration)" },
        ]}
      />
      <Field
        label="Effective date"
        name="effectiveDate"
        type="date"
        max={today}
        defaultValue={initial.effectiveDate}
        onChange={(event) => setEffectiveDate(event.target.value)}
        errors={errors?.effectiveDate}
        hint="The date the evidence represents; not after today."
      />
      <Field
        label="Covers until (optional)"
        name="coverageEnd"
        type="date"
        defaultValue={initial.coverageEnd ?? ""}
        onChange={(event) => setCoverageEnd(event.target.value)}
        errors={errors?.coverageEnd}
        hint="For evidence covering a range; on or after the effective date."
      />
      {events.length ? (
        <SelectField
          label="Population event (optional)"
          name="eventId"
          defaultValue={initial.eventId ?? ""}
          errors={errors?.eventId}
          options={[
            { value: "", label: "None" },
            ...events.map((e) => ({ value: e.id, label: e.label })),
          ]}
        />
      ) : null}
      {purpose === "operating" ? (
        <OccurrencePicker
          choices={occurrences}
          effectiveDate={effectiveDate}
          coverageEnd={coverageEnd}
          initial={initial.slotKey ?? preselect}
          errors={errors?.slotKey}
        />
      ) : null}
    </div>
  );
}
