import type { SnapshotPoint } from "@/lib/db/snapshots";

/** A small readiness line for a list row; its accessible name carries the figures. */
export function Sparkline({ points, label }: { points: SnapshotPoint[]; label: string }) {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2)
    return <span className="text-xs text-slate-500">no trend yet</span>;
  const width = 96;
  const height = 24;
  const x = (index: number) => (index / (points.length - 1)) * (width - 2) + 1;
  const y = (percent: number) => height - 1 - (percent / 100) * (height - 2);
  const path = points
    .map(
      (point, index) =>
        `${index ? "L" : "M"}${x(index).toFixed(1)},${y(point.readinessPercent).toFixed(1)}`,
    )
    .join(" ");
  const values = points.map((point) => point.readinessPercent);
  const name = `${label}: readiness ${Math.round(first.readinessPercent)}% on ${first.day}, ${Math.round(last.readinessPercent)}% on ${last.day} (low ${Math.round(Math.min(...values))}%, high ${Math.round(Math.max(...values))}%, ${points.length} days)`;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="h-6 w-24" role="img" aria-label={name}>
      <title>{name}</title>
      <path d={path} fill="none" className="stroke-brand-600" strokeWidth="1.5" />
    </svg>
  );
}
