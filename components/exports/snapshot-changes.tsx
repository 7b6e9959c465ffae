import type { SinceLastSent } from "@/lib/db/exports-page";

type Props = SinceLastSent;

const SHOWN = 50;
const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});
const word = (value: string | null) => (value === null ? "absent" : value.replace("_", " "));

function More({ total }: { total: number }) {
  return total > SHOWN ? <li className="text-slate-500">and {total - SHOWN} more</li> : null;
}

/** What changed in an engagement since the export the auditor last received. */
export function SnapshotChanges({
  sentAt,
  fileName,
  percentThen,
  percentNow,
  diff,
  evidence,
}: Props) {
  const nothing =
    diff.requirements.length +
      diff.controls.length +
      evidence.added.length +
      evidence.removed.length ===
    0;
  return (
    <div className="mt-2 space-y-3 text-sm">
      <p>
        Last sent: <strong>{fileName ?? "export"}</strong> on {dateFormat.format(sentAt)} UTC.
        Readiness then {Math.round(percentThen)}%, now {Math.round(percentNow)}%.
      </p>
      {nothing ? <p className="text-slate-600">Nothing has changed since.</p> : null}
      {diff.requirements.length ? (
        <section aria-label="Requirements whose status changed">
          <h3 className="font-medium">Requirements ({diff.requirements.length})</h3>
          <ul className="ml-5 list-disc">
            {diff.requirements.slice(0, SHOWN).map((change) => (
              <li key={change.key}>
                {change.key}: {word(change.from)} → {word(change.to)}
              </li>
            ))}
            <More total={diff.requirements.length} />
          </ul>
        </section>
      ) : null}
      {diff.controls.length ? (
        <section aria-label="Controls whose readiness changed">
          <h3 className="font-medium">Controls ({diff.controls.length})</h3>
          <ul className="ml-5 list-disc">
            {diff.controls.slice(0, SHOWN).map((change) => (
              <li key={change.key}>
                {change.key}: {word(change.from)} → {word(change.to)}
              </li>
            ))}
            <More total={diff.controls.length} />
          </ul>
        </section>
      ) : null}
      {evidence.added.length || evidence.removed.length ? (
        <section aria-label="Evidence added or removed">
          <h3 className="font-medium">
            Evidence: {evidence.added.length} added, {evidence.removed.length} removed
          </h3>
          <ul className="ml-5 list-disc">
            {evidence.added.slice(0, SHOWN).map((item) => (
              <li key={`a-${item.id}`}>added: {item.title}</li>
            ))}
            <More total={evidence.added.length} />
            {evidence.removed.slice(0, SHOWN).map((item) => (
              <li key={`r-${item.id}`}>removed: {item.title}</li>
            ))}
            <More total={evidence.removed.length} />
          </ul>
        </section>
      ) : null}
    </div>
  );
}
