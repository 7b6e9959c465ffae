// How the matrix exports write yes/no, dates and times and lists: as text, so that no spreadsheet
// shifts them into a local timezone. The words for stored codes are lib/domain/labels.ts's.
export const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** "2026-03-28T12:00:00.000Z" → "2026-03-28 12:00 UTC": sorts as text, names its timezone. */
export function timestampText(iso: string): string {
  const utc = new Date(iso).toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC`;
}

/** Lists inside one cell. */
export const listText = (items: readonly string[]) => items.join("; ");
