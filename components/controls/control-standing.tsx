import Link from "next/link";
import { SlotStrip } from "@/components/readiness/slot-strip";
import type { ControlStanding } from "@/lib/db/control-page";
import { FAMILY_LABELS, TYPE_LABELS } from "@/lib/domain/labels";

/** How many occurrence links a list shows before "and N more". */
const SHOWN = 6;

function OccurrenceLinks({
  label,
  slots,
  hrefOf,
}: {
  label: string;
  slots: { key: string; label: string; dueFrom?: string }[];
  hrefOf: (key: string) => string | null;
}) {
  if (slots.length === 0) return null;
  return (
    <div className="text-sm">
      <span className="font-medium">{label}:</span>{" "}
      {slots.slice(0, SHOWN).map((slot, index) => {
        const href = hrefOf(slot.key);
        const text = slot.dueFrom ? `${slot.label} (due ${slot.dueFrom})` : slot.label;
        return (
          <span key={slot.key}>
            {index ? ", " : null}
            {href ? (
              <Link
                className="text-brand-700 hover:underline"
                href={href}
                aria-label={`Add evidence for ${slot.label}`}
              >
                {text}
              </Link>
            ) : (
              text
            )}
          </span>
        );
      })}
      {slots.length > SHOWN ? ` and ${slots.length - SHOWN} more` : null}
    </div>
  );
}

/** The control's readiness in each engagement that includes it, with its occurrences. */
export function ControlStandings({
  orgSlug,
  controlId,
  standings,
  canAddEvidence,
}: {
  orgSlug: string;
  controlId: string;
  standings: ControlStanding[];
  canAddEvidence: boolean;
}) {
  if (standings.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No active engagement includes this control yet: map it to a requirement of one below.
      </p>
    );
  return (
    <ul className="space-y-4" aria-label="Readiness in each engagement">
      {standings.map((standing, index) => {
        const { engagement, operating } = standing;
        const hrefOf = (key: string) =>
          canAddEvidence
            ? `/o/${orgSlug}/controls/${controlId}?engagement=${engagement.id}&slot=${encodeURIComponent(key)}&purpose=operating#add-evidence`
            : null;
        return (
          <li
            key={engagement.id}
            className="space-y-1 border-b border-slate-100 pb-3 last:border-0"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <Link
                className="font-medium text-brand-700 hover:underline"
                href={`/o/${orgSlug}/engagements/${engagement.id}/dashboard`}
              >
                {engagement.name}
              </Link>
              <span className="text-xs text-slate-500">
                {FAMILY_LABELS[engagement.family]} {TYPE_LABELS[engagement.type]}
              </span>
            </div>
            <p className="text-sm">
              <span className={standing.ready ? "text-green-800" : "text-red-800"}>
                {standing.ready ? "Ready" : "Not ready"}
              </span>
              {" · "}Design {standing.designReady ? "ready" : "not ready"}
              {operating
                ? ` · Operating: ${operating.covered} of ${operating.due} due occurrences covered${
                    operating.coverage === null
                      ? " (nothing due yet)"
                      : ` (${Math.round(operating.coverage * 100)}%)`
                  }`
                : null}
            </p>
            {standing.reasons.length ? (
              <p className="text-xs text-slate-600">{standing.reasons.join("; ")}</p>
            ) : null}
            {operating ? (
              <>
                <SlotStrip
                  cells={standing.cells}
                  addHref={canAddEvidence ? (key) => hrefOf(key) ?? "" : undefined}
                  legend={index === standings.length - 1}
                />
                <OccurrenceLinks label="Missing" slots={operating.missing} hrefOf={hrefOf} />
                <OccurrenceLinks label="Open" slots={operating.open} hrefOf={hrefOf} />
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
