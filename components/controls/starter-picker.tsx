"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/input";
import { SuccessNotice } from "@/components/ui/success-notice";
import { plural } from "@/lib/domain/plural";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

export type StarterOption = {
  ref: string;
  title: string;
  description: string;
  frequency: string;
  mappings: string;
  adopted: boolean;
};

type Props = {
  orgSlug: string;
  options: StarterOption[];
  action: FormAction<{ added: string[]; skipped: string[] }>;
};

export function StarterPicker({ orgSlug, options, action }: Props) {
  const { pending, onSubmit, result, fieldErrors, formError } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <IdField name="orgSlug" value={orgSlug} />
      {result?.ok && !pending ? (
        <SuccessNotice>
          Adopted {plural(result.data.added.length, "control")} as drafts
          {result.data.skipped.length
            ? ` (${result.data.skipped.length} ${result.data.skipped.length === 1 ? "was" : "were"} already there)`
            : ""}
          .{" "}
          <Link className="font-medium underline" href={`/o/${orgSlug}/controls`}>
            Review them in the control library
          </Link>
          : give each an owner and adjust the narrative.
        </SuccessNotice>
      ) : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {options.map((option) => (
          <li key={option.ref} className="p-3">
            <label className="flex items-start gap-3">
              <Checkbox
                name="refs"
                value={option.ref}
                defaultChecked={!option.adopted}
                disabled={option.adopted}
                className="mt-1"
                aria-label={`Adopt ${option.ref} ${option.title}`}
              />
              <span className="text-sm">
                <span className="font-mono text-xs font-semibold">{option.ref}</span>{" "}
                <span className="font-medium">{option.title}</span>
                <span className="ml-2 text-xs text-slate-500">{option.frequency}</span>
                {option.adopted ? (
                  <span className="ml-2 text-xs text-green-700">already in your library</span>
                ) : null}
                <span className="mt-1 block text-slate-600">{option.description}</span>
                <span className="mt-1 block text-xs text-slate-500">Maps to {option.mappings}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {formError || fieldErrors?.refs ? (
        <Alert tone="error">{fieldErrors?.refs?.join(" ") ?? formError}</Alert>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Adopting…" : "Adopt selected controls"}
      </Button>
    </form>
  );
}
