"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  engagementId: string;
  formats: { format: string; label: string; description: string }[];
  action: FormAction<{ id: string }>;
};

/** One button per format; each starts an export that appears in the list below with its progress. */
export function ExportButtons({ orgSlug, engagementId, formats, action }: Props) {
  const router = useRouter();
  const { pending, onSubmit, formError } = useActionForm(action, () => router.refresh());
  return (
    <div className="space-y-3">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <ul className="grid gap-3 md:grid-cols-2">
        {formats.map(({ format, label, description }) => (
          <li
            key={format}
            className="flex items-start justify-between gap-3 rounded-md border border-slate-200 p-3"
          >
            <div>
              <p className="text-sm font-medium">{label}</p>
              <p className="text-xs text-slate-600">{description}</p>
            </div>
            <form onSubmit={onSubmit}>
              <IdField name="orgSlug" value={orgSlug} />
              <IdField name="engagementId" value={engagementId} />
              <input type="hidden" name="format" value={format} />
              <Button type="submit" size="sm" disabled={pending} aria-label={`Export ${label}`}>
                Export
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
}
