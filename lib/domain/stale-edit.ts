// What an editor is told when the record changed after they opened it (optimistic concurrency).

/** The newest change of a record, as the activity log tells it. */
export type LastChange = { actorName: string | null; at: Date };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (value: number) => String(value).padStart(2, "0");

/** "2 Dec 2026, 14:05 UTC": one reading for everyone, whatever their locale or time zone. */
export function formatUtcMinute(at: Date): string {
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())} UTC`;
}

function byWhomAndWhen(change: LastChange | null): string {
  if (!change) return "someone else";
  return `${change.actorName ?? "someone else"} at ${formatUtcMinute(change.at)}`;
}

export function staleEditMessage(change: LastChange | null): string {
  return `Changed by ${byWhomAndWhen(change)} since you opened it.`;
}

/** A bulk change refused because some of its records are stale, naming each. */
export function staleBulkMessage(
  stale: readonly { label: string; change: LastChange | null }[],
): string {
  const named = stale.map(({ label, change }) => `${label} by ${byWhomAndWhen(change)}`);
  return `Nothing was changed. Changed since you opened the list: ${named.join("; ")}.`;
}
