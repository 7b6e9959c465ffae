"use client";

import { useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Label } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField, IdFields } from "@/components/ui/id-field";

export type PickerOption = { id: string; code: string; title: string; group: string };

type Props = {
  orgSlug: string;
  hidden: Record<string, string>;
  groups: { name: string; field: string; options: PickerOption[] }[];
  selected: string[];
  readOnly: boolean;
  submitLabel: string;
  action: FormAction;
};

/**
 * Checkbox lists of requirements (or controls) with a filter box. Saving sends what was ticked
 * and what the page showed ticked (`shown`), so the server applies only the changes made here.
 */
export function MappingPicker({
  orgSlug,
  hidden,
  groups,
  selected,
  readOnly,
  submitLabel,
  action,
}: Props) {
  const [filter, setFilter] = useState("");
  const { pending, onSubmit, result } = useActionForm(action);
  const needle = filter.trim().toLowerCase();
  const visible = useMemo(
    () =>
      new Set(
        groups
          .flatMap((group) => group.options)
          .filter(
            (option) =>
              !needle ||
              `${option.code} ${option.title} ${option.group}`.toLowerCase().includes(needle),
          )
          .map((o) => o.id),
      ),
    [groups, needle],
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <IdField name="orgSlug" value={orgSlug} />
      <IdFields fields={hidden} />
      {groups
        .flatMap((group) => group.options)
        .filter((option) => selected.includes(option.id))
        .map((option) => (
          <input key={`shown-${option.id}`} type="hidden" name="shown" value={option.id} />
        ))}
      <div className="max-w-sm space-y-1">
        <Label htmlFor="mapping-filter">Filter</Label>
        <Input
          id="mapping-filter"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Code or words"
        />
      </div>
      {groups.map((group) => (
        <fieldset key={group.name} className="space-y-1">
          <legend className="mb-1 text-sm font-semibold text-slate-700">{group.name}</legend>
          {group.options.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing to pick yet.</p>
          ) : null}
          {group.options.map((option) => (
            // Remounted when the page shows it changed (saved here or by someone else), so the box matches `shown`.
            <label
              key={`${option.id}:${selected.includes(option.id)}`}
              className={visible.has(option.id) ? "flex items-start gap-2 text-sm" : "hidden"}
            >
              <Checkbox
                name={group.field}
                value={option.id}
                defaultChecked={selected.includes(option.id)}
                disabled={readOnly}
                className="mt-0.5"
              />
              <span>
                <span className="font-mono text-xs font-semibold">{option.code}</span>{" "}
                {option.title}
                <span className="ml-1 text-xs text-slate-500">{option.group}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ))}
      {result && !result.ok ? <Alert tone="error">{result.message}</Alert> : null}
      {result?.ok ? <Alert tone="success">Mappings saved.</Alert> : null}
      {readOnly ? null : (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
      )}
    </form>
  );
}
