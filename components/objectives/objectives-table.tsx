import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/action-result";
import type { ObjectivesPage } from "@/lib/db/objectives-page";

type Props = {
  page: ObjectivesPage;
  move: FormAction<unknown>;
  retire: FormAction<unknown>;
};

/** The objectives in their order; editors move, edit, retire and restore them. */
export function ObjectivesTable({ page, move, retire }: Props) {
  const { objectives, orgSlug } = page;
  const editable = page.permissions.manage;
  const fields = (id: string) => ({ orgSlug, objectiveId: id });
  return (
    <Table aria-label="Control objectives" className="mb-6">
      <thead>
        <tr>
          <Th>Ref</Th>
          <Th>Objective</Th>
          <Th>Area</Th>
          <Th>Controls</Th>
          {editable ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {objectives.map((objective, index) => (
          <tr key={objective.id} className={objective.retired ? "opacity-60" : undefined}>
            <Td className="font-mono text-xs whitespace-nowrap">
              {objective.ref}
              {objective.retired ? <Badge className="ml-2">retired</Badge> : null}
            </Td>
            <Td>
              <span className="font-medium">{objective.title}</span>
              <span className="block text-xs text-slate-600">{objective.objective}</span>
            </Td>
            <Td className="text-xs">{objective.areaLabel}</Td>
            <Td className="tabular-nums">{objective.controlCount}</Td>
            {editable ? (
              <Td className="whitespace-nowrap text-right">
                {index > 0 ? (
                  <ActionButton
                    label="↑"
                    ariaLabel={`Move ${objective.ref} up`}
                    fields={{ ...fields(objective.id), direction: "up" }}
                    action={move}
                  />
                ) : null}
                {index < objectives.length - 1 ? (
                  <ActionButton
                    label="↓"
                    ariaLabel={`Move ${objective.ref} down`}
                    fields={{ ...fields(objective.id), direction: "down" }}
                    action={move}
                  />
                ) : null}
                <Link
                  className="mx-2 text-sm text-brand-700 hover:underline"
                  href={`/o/${orgSlug}/objectives/${objective.id}`}
                  aria-label={`Edit ${objective.ref}`}
                >
                  Edit
                </Link>
                {objective.retired ? (
                  <ActionButton
                    label="Restore"
                    ariaLabel={`Restore ${objective.ref}`}
                    fields={{
                      ...fields(objective.id),
                      retired: "false",
                      version: String(objective.version),
                    }}
                    action={retire}
                    variant="secondary"
                  />
                ) : (
                  <ConfirmAction
                    triggerLabel="Retire"
                    triggerAriaLabel={`Retire ${objective.ref}`}
                    title={`Retire ${objective.ref}?`}
                    description="It can no longer be chosen for new engagements. Existing engagements and mappings keep it; you can restore it."
                    confirmLabel="Retire objective"
                    action={retire}
                    fields={{
                      ...fields(objective.id),
                      retired: "true",
                      version: String(objective.version),
                    }}
                  />
                )}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
