import Link from "next/link";
import { Button, buttonVariants } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { Input, Label, Select } from "@/components/ui/input";
import type { ActivityFilterOptions } from "@/lib/db/activity-log";
import type { ActivityFilterValues } from "@/lib/schemas/activity";

type Props = {
  base: string;
  values: ActivityFilterValues;
  errors: Partial<Record<keyof ActivityFilterValues, string[]>>;
  options: ActivityFilterOptions;
  timeZone: string;
};

const actionLabel = (action: string) => action.replace(".", ": ").replaceAll("_", " ");

/** Filters as a plain GET form: the URL is the filter, so it can be shared and exported. */
export function ActivityFilterForm({ base, values, errors, options, timeZone }: Props) {
  const field = (name: keyof ActivityFilterValues) => ({
    id: `activity-${name}`,
    name,
    "aria-invalid": errors[name]?.length ? true : undefined,
    "aria-describedby": errors[name]?.length ? `activity-${name}-error` : undefined,
  });
  return (
    <form
      method="get"
      action={base}
      aria-label="Filter the activity log"
      className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_auto_auto_auto] lg:items-end"
    >
      <div className="space-y-1">
        <Label htmlFor="activity-who">Who</Label>
        <Select {...field("who")} defaultValue={values.who ?? ""}>
          <option value="">Anyone</option>
          {options.members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </Select>
        <FieldErrors id="activity-who-error" errors={errors.who} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="activity-action">Action</Label>
        <Select {...field("action")} defaultValue={values.action ?? ""}>
          <option value="">Any action</option>
          <optgroup label="Kinds of action">
            {options.groups.map((group) => (
              <option key={group.value} value={group.value}>
                {group.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="One action">
            {options.actions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action)}
              </option>
            ))}
          </optgroup>
        </Select>
        <FieldErrors id="activity-action-error" errors={errors.action} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="activity-record">Record</Label>
        <Input
          {...field("record")}
          type="search"
          defaultValue={values.record ?? ""}
          placeholder="Control ref, evidence or engagement"
        />
        <FieldErrors id="activity-record-error" errors={errors.record} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="activity-from">From</Label>
        <Input {...field("from")} type="date" defaultValue={values.from ?? ""} />
        <FieldErrors id="activity-from-error" errors={errors.from} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="activity-to">To</Label>
        <Input {...field("to")} type="date" defaultValue={values.to ?? ""} />
        <FieldErrors id="activity-to-error" errors={errors.to} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          Filter
        </Button>
        <Link href={base} className={buttonVariants({ size: "sm", variant: "secondary" })}>
          Clear
        </Link>
      </div>
      <p className="text-xs text-slate-500 sm:col-span-2 lg:col-span-6">
        Days are in the organisation&apos;s time zone, {timeZone}.
      </p>
    </form>
  );
}
