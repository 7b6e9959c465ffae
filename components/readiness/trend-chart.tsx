import type { SnapshotPoint } from "@/lib/db/snapshots";

/** Readiness % over time as a small line chart, with the figures in a table for screen readers. */
export function TrendChart({ points }: { points: SnapshotPoint[] }) {
  if (points.length < 2)
    return (
      <p className="text-sm text-slate-600">
        The trend appears after a second day of activity: a point is kept each day the dashboard is
        opened.
      </p>
    );
  const width = 480;
  const height = 120;
  const x = (index: number) => (index / (points.length - 1)) * (width - 20) + 10;
  const y = (percent: number) => height - 10 - (percent / 100) * (height - 20);
  const path = points
    .map(
      (point, index) =>
        `${index ? "L" : "M"}${x(index).toFixed(1)},${y(point.readinessPercent).toFixed(1)}`,
    )
    .join(" ");
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-32 w-full"
        role="img"
        aria-label={`Readiness from ${Math.round(points[0]?.readinessPercent ?? 0)}% on ${points[0]?.day} to ${Math.round(points.at(-1)?.readinessPercent ?? 0)}% on ${points.at(-1)?.day}`}
      >
        <line x1="10" x2={width - 10} y1={y(100)} y2={y(100)} className="stroke-slate-200" />
        <line x1="10" x2={width - 10} y1={y(0)} y2={y(0)} className="stroke-slate-300" />
        <path d={path} fill="none" className="stroke-brand-600" strokeWidth="2" />
      </svg>
      <figcaption className="flex justify-between text-xs text-slate-500">
        <span>{points[0]?.day}</span>
        <span>{points.at(-1)?.day}</span>
      </figcaption>
    </figure>
  );
}
