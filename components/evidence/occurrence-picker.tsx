"use client";

import { useId, useState } from "react";
import { FieldErrors } from "@/components/ui/field";
import { Label, Select } from "@/components/ui/input";
import { occurrenceOn, type OccurrenceChoice } from "@/lib/domain/readiness/occurrences";

const GROUPS = [
  { name: "Missing", states: ["missing"] },
  { name: "Open", states: ["open"] },
  { name: "Covered or upcoming", states: ["covered", "upcoming"] },
] as const;

/** "2026-Q1 (missing)", "2026-Q2 (open, due from 2026-07-01)". */
function optionLabel(choice: OccurrenceChoice): string {
  const state =
    choice.state === "open" && choice.dueFrom ? `open, due from ${choice.dueFrom}` : choice.state;
  return `${choice.label} (${state})`;
}

type Props = {
  /** In picker order (occurrenceChoices): missing first. */
  choices: readonly OccurrenceChoice[];
  effectiveDate: string;
  coverageEnd?: string;
  /** A chosen occurrence (from the page's address, or the item being edited); "" for none. */
  initial?: string;
  errors?: string[];
};

/**
 * Which occurrence operating evidence is for. Until the user picks one it follows the dates (the
 * occurrence containing them; none for a range over several); "No specific occurrence" lets the
 * dates decide.
 */
export function OccurrencePicker({ choices, effectiveDate, coverageEnd, initial, errors }: Props) {
  const id = useId();
  const [picked, setPicked] = useState<string | null>(initial ?? null);
  const known = picked !== null && (picked === "" || choices.some((c) => c.key === picked));
  const value = known ? picked : (occurrenceOn(choices, effectiveDate, coverageEnd) ?? "");
  return (
    <div className="space-y-1">
      <Label htmlFor={id}>Occurrence</Label>
      <Select
        id={id}
        name="slotKey"
        value={value}
        onChange={(event) => setPicked(event.target.value)}
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
        aria-invalid={errors?.length ? true : undefined}
      >
        <option value="">No specific occurrence (use the dates)</option>
        {GROUPS.map((group) => {
          const members = choices.filter((c) =>
            (group.states as readonly string[]).includes(c.state),
          );
          return members.length ? (
            <optgroup key={group.name} label={group.name}>
              {members.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {optionLabel(choice)}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
      </Select>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {choices.length
          ? "The occurrence this evidence is for, e.g. a review done early in the next quarter."
          : "No engagement period includes this control yet: the dates decide."}
      </p>
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}
