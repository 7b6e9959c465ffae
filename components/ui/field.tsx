import { useId, type ComponentProps } from "react";
import { Input, Label } from "./input";

type FieldProps = ComponentProps<"input"> & { label: string; errors?: string[]; hint?: string };

/** A labelled input with its hint and field-level errors, wired for screen readers. */
export function Field({ label, errors, hint, id, ...props }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const describedBy = [hint ? `${inputId}-hint` : null, errors?.length ? `${inputId}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="space-y-1">
      <Label htmlFor={inputId}>{label}</Label>
      <Input
        id={inputId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...props}
      />
      {hint ? (
        <p id={`${inputId}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={`${inputId}-error`} errors={errors} />
    </div>
  );
}

export function FieldErrors({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {errors.join(" ")}
    </p>
  );
}
