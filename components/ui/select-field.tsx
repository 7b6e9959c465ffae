import { useId, type ComponentProps } from "react";
import { FieldErrors } from "./field";
import { Label, Select, Textarea } from "./input";

type Option = { value: string; label: string };

/** A labelled select with its field errors. */
export function SelectField({
  label,
  options,
  errors,
  id,
  ...props
}: ComponentProps<"select"> & { label: string; options: readonly Option[]; errors?: string[] }) {
  const generated = useId();
  const selectId = id ?? generated;
  return (
    <div className="space-y-1">
      <Label htmlFor={selectId}>{label}</Label>
      <Select
        id={selectId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${selectId}-error` : undefined}
        {...props}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      <FieldErrors id={`${selectId}-error`} errors={errors} />
    </div>
  );
}

/** A labelled textarea with its hint and field errors. */
export function TextareaField({
  label,
  hint,
  errors,
  id,
  ...props
}: ComponentProps<"textarea"> & { label: string; hint?: string; errors?: string[] }) {
  const generated = useId();
  const areaId = id ?? generated;
  return (
    <div className="space-y-1">
      <Label htmlFor={areaId}>{label}</Label>
      <Textarea
        id={areaId}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={hint ? `${areaId}-hint` : undefined}
        {...props}
      />
      {hint ? (
        <p id={`${areaId}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <FieldErrors errors={errors} />
    </div>
  );
}
