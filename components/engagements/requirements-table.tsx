import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { EngagementPage } from "@/lib/db/engagement-page";
import { RequirementStatusBadge } from "./status-badge";

/** The engagement's requirements the filter keeps, with status, reasons and mapped controls. */
export function RequirementsTable({ page }: { page: EngagementPage }) {
  const { orgSlug, engagement } = page;
  const base = `/o/${orgSlug}/engagements/${engagement.id}`;
  if (page.requirements.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        {page.anyRequirement
          ? "Nothing with this status."
          : engagement.family === "SOC2"
            ? "No requirements in scope."
            : "No objectives chosen yet: edit the scope to pick them."}
      </p>
    );
  }
  return (
    <Table aria-label="Requirements">
      <thead>
        <tr>
          <Th>Requirement</Th>
          <Th>Status</Th>
          <Th>Controls</Th>
          <Th>Shared with</Th>
        </tr>
      </thead>
      <tbody>
        {page.requirements.map((requirement) => (
          <tr key={requirement.id}>
            <Td>
              <Link
                className="font-medium text-brand-700 hover:underline"
                href={`${base}/requirements/${encodeURIComponent(requirement.id)}`}
              >
                <span className="font-mono text-xs">{requirement.code}</span> {requirement.title}
              </Link>
              <span className="block text-xs text-slate-500">{requirement.group}</span>
            </Td>
            <Td>
              <RequirementStatusBadge status={requirement.status} />
              {requirement.justification ? (
                <span className="mt-1 block max-w-xs text-xs text-slate-600">
                  {requirement.justification}
                </span>
              ) : null}
              {requirement.reasons.length ? (
                <ul className="mt-1 max-w-xs text-xs text-slate-600">
                  {requirement.reasons.slice(0, 3).map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                  {requirement.reasons.length > 3 ? (
                    <li>and {requirement.reasons.length - 3} more</li>
                  ) : null}
                </ul>
              ) : null}
            </Td>
            <Td className="text-xs">
              {requirement.controls.length === 0
                ? "—"
                : requirement.controls.map((control) => (
                    <Link
                      key={control.id}
                      href={`/o/${orgSlug}/controls/${control.id}`}
                      className="mr-2 inline-block font-mono text-brand-700 hover:underline"
                      title={control.title}
                    >
                      {control.ref}
                    </Link>
                  ))}
            </Td>
            <Td className="text-xs text-slate-600">
              {requirement.alsoIn.map((other) => other.name).join(", ") || "—"}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
