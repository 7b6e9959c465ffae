import { cn } from "@/components/ui/cn";

type Props = { text: string; daysLeft: number | null };

/** On every page an auditor sees: what they may read and until when; amber in the last week. */
export function AccessBanner({ text, daysLeft }: Props) {
  return (
    <aside
      aria-label="Your access"
      className={cn(
        "mb-4 rounded-md border px-4 py-2 text-sm",
        daysLeft === null
          ? "border-brand-100 bg-brand-50 text-brand-900"
          : "border-amber-200 bg-amber-50 text-amber-900",
      )}
    >
      {text}
    </aside>
  );
}
