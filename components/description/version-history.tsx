import { SelectField } from "@/components/ui/select-field";
import type { SectionPage } from "@/lib/db/description-page";

/** The section's saved versions, newest first, and the form choosing two to compare. */
export function SectionVersionHistory({ versions }: { versions: SectionPage["versions"] }) {
  return versions.length === 0 ? (
    <p className="text-sm text-slate-600">No saved versions yet.</p>
  ) : (
    <>
      <ul className="space-y-1 text-sm">
        {versions.map((version) => (
          <li key={version.number}>
            Version {version.number}, {version.savedBy},{" "}
            {version.savedAt.toISOString().slice(0, 16).replace("T", " ")}
          </li>
        ))}
      </ul>
      {versions.length > 1 ? (
        <form method="get" className="mt-3 flex flex-wrap items-end gap-2">
          <SelectField
            label="Compare version"
            name="from"
            defaultValue={String(versions[1]?.number ?? 1)}
            options={versions.map((v) => ({
              value: String(v.number),
              label: `Version ${v.number}`,
            }))}
          />
          <SelectField
            label="with version"
            name="to"
            defaultValue={String(versions[0]?.number ?? 1)}
            options={versions.map((v) => ({
              value: String(v.number),
              label: `Version ${v.number}`,
            }))}
          />
          <button type="submit" className="rounded-md border px-3 py-1.5 text-sm">
            Compare
          </button>
        </form>
      ) : null}
    </>
  );
}
