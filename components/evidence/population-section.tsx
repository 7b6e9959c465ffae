"use client";

import { ActionForm } from "@/components/ui/action-form";
import { plural } from "@/lib/domain/plural";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/select-field";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/action-result";
type PopulationImportResult = { added: number; skipped: number };

type EventItem = {
  id: string;
  date: string;
  reference: string;
  description: string;
  evidenceCount: number;
};

type Props = {
  orgSlug: string;
  controlId: string;
  items: EventItem[];
  canEdit: boolean;
  addAction: FormAction<{ id: string }>;
  importAction: FormAction<PopulationImportResult>;
  deleteAction: FormAction;
};

function importMessage(result: PopulationImportResult): string {
  return `Added ${plural(result.added, "event")}${result.skipped ? `, skipped ${result.skipped} already present` : ""}.`;
}

/** The population of an event-driven control: each event is an occurrence to evidence. */
export function PopulationSection({
  orgSlug,
  controlId,
  items,
  canEdit,
  addAction,
  importAction,
  deleteAction,
}: Props) {
  return (
    <div className="space-y-4">
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">
          No events recorded. If nothing happened in the period, the auditor will ask you to confirm
          the population is empty.
        </p>
      ) : (
        <Table aria-label="Population">
          <thead>
            <tr>
              <Th>Date</Th>
              <Th>Reference</Th>
              <Th>Description</Th>
              <Th>Evidence</Th>
              {canEdit ? (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <Td className="whitespace-nowrap">{item.date}</Td>
                <Td className="font-mono text-xs">{item.reference}</Td>
                <Td>{item.description}</Td>
                <Td>
                  {item.evidenceCount ? (
                    plural(item.evidenceCount, "item")
                  ) : (
                    <span className="text-red-700">none</span>
                  )}
                </Td>
                {canEdit ? (
                  <Td className="text-right">
                    <ConfirmAction
                      triggerLabel="Remove"
                      triggerAriaLabel={`Remove event ${item.reference}`}
                      title={`Remove event ${item.reference}?`}
                      description="Evidence linked to it is kept but no longer tied to an event."
                      confirmLabel="Remove event"
                      action={deleteAction}
                      fields={{ orgSlug, eventId: item.id }}
                    />
                  </Td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canEdit ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <ActionForm
            action={addAction}
            hidden={{ orgSlug, controlId }}
            submitLabel="Add event"
            successMessage={() => "Event added."}
          >
            {(errors) => (
              <>
                <div className="grid gap-3 sm:grid-cols-2">
                  <Field label="Event date" name="date" type="date" errors={errors?.date} />
                  <Field
                    label="Reference"
                    name="reference"
                    errors={errors?.reference}
                    hint="Ticket, change or employee id."
                  />
                </div>
                <Field label="Description" name="description" errors={errors?.description} />
              </>
            )}
          </ActionForm>
          <ActionForm
            action={importAction}
            hidden={{ orgSlug, controlId }}
            submitLabel="Import events"
            successMessage={importMessage}
          >
            {(errors) => (
              <TextareaField
                label="Paste a population (CSV: date, reference, description)"
                name="csv"
                rows={5}
                errors={errors?.csv}
                hint="One event per line; a header row is optional. Any bad row means nothing is imported."
              />
            )}
          </ActionForm>
        </div>
      ) : null}
    </div>
  );
}
