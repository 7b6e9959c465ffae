import Link from "next/link";
import { RequirementStatusBadge } from "@/components/engagements/status-badge";
import type { MatrixPage } from "@/lib/db/matrix-page";

/** Requirements (rows) × mapped controls (columns): a dot where the control serves it. */
export function MatrixTable({ page }: { page: MatrixPage }) {
  const { orgSlug, columns } = page;
  if (columns.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
        No control is mapped to this engagement&apos;s requirements yet.
      </p>
    );
  }
  return (
    <div className="max-h-[75vh] overflow-auto rounded-lg border border-slate-200 bg-white">
      <table className="text-xs" aria-label="Requirements by controls">
        <thead className="sticky top-0 z-10 bg-slate-50">
          <tr>
            <th
              scope="col"
              className="sticky left-0 z-20 min-w-64 bg-slate-50 px-3 py-2 text-left font-medium"
            >
              Requirement
            </th>
            {columns.map((control) => (
              <th
                key={control.id}
                scope="col"
                className="px-1 py-2 font-mono font-medium"
                title={control.title}
              >
                <Link
                  href={`/o/${orgSlug}/controls/${control.id}`}
                  className="[writing-mode:vertical-rl] hover:underline"
                >
                  {control.ref}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.requirements.map((requirement) => (
            <tr key={requirement.id} className="border-t border-slate-100">
              <th scope="row" className="sticky left-0 bg-white px-3 py-1 text-left font-normal">
                <span className="font-mono font-semibold">{requirement.code}</span>{" "}
                <RequirementStatusBadge status={requirement.status} />
              </th>
              {columns.map((control) => (
                <td
                  key={control.id}
                  className="px-1 text-center"
                  aria-label={
                    requirement.mapped.has(control.id)
                      ? `${control.ref} serves ${requirement.code}`
                      : undefined
                  }
                >
                  {requirement.mapped.has(control.id) ? "●" : ""}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
