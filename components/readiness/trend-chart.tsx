import type { SnapshotPoint } from "@/lib/db/snapshots";

const WIDTH = 480;
const HEIGHT = 140;
const LEFT = 36;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 24;
const TICKS = [0, 50, 100];

/**
 * Readiness % over time: a line with its axes (0–100 %, first and last day), the latest value
 * marked, a legend, and the same figures as a table for screen readers.
 */
export function TrendChart({ points }: { points: SnapshotPoint[] }) {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2)
    return (
      <p className="text-sm text-slate-600">
        The trend appears once two days of readiness are recorded: a point is kept each day.
      </p>
    );
  const x = (index: number) => LEFT + (index / (points.length - 1)) * (WIDTH - LEFT - RIGHT);
  const y = (percent: number) => TOP + (1 - percent / 100) * (HEIGHT - TOP - BOTTOM);
  const path = points
    .map(
      (point, index) =>
        `${index ? "L" : "M"}${x(index).toFixed(1)},${y(point.readinessPercent).toFixed(1)}`,
    )
    .join(" ");
  const summary = `Readiness from ${Math.round(first.readinessPercent)}% on ${first.day} to ${Math.round(last.readinessPercent)}% on ${last.day}`;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-36 w-full"
        role="img"
        aria-label={summary}
      >
        {TICKS.map((tick) => (
          <g key={tick}>
            <line
              x1={LEFT}
              x2={WIDTH - RIGHT}
              y1={y(tick)}
              y2={y(tick)}
              className={tick === 0 ? "stroke-slate-400" : "stroke-slate-200"}
            />
            <text
              x={LEFT - 4}
              y={y(tick) + 3}
              textAnchor="end"
              className="fill-slate-500 text-[10px]"
            >
              {tick}%
            </text>
          </g>
        ))}
        <line x1={LEFT} x2={LEFT} y1={TOP} y2={y(0)} className="stroke-slate-400" />
        <text x={LEFT} y={HEIGHT - 6} className="fill-slate-500 text-[10px]">
          {first.day}
        </text>
        <text
          x={WIDTH - RIGHT}
          y={HEIGHT - 6}
          textAnchor="end"
          className="fill-slate-500 text-[10px]"
        >
          {last.day}
        </text>
        <path d={path} fill="none" className="stroke-brand-600" strokeWidth="2" />
        <circle
          cx={x(points.length - 1)}
          cy={y(last.readinessPercent)}
          r="3"
          className="fill-brand-600"
        />
        <text
          x={x(points.length - 1) - 6}
          y={y(last.readinessPercent) - 6}
          textAnchor="end"
          className="fill-brand-900 text-[11px] font-semibold"
        >
          {Math.round(last.readinessPercent)}%
        </text>
      </svg>
      <figcaption className="flex items-center gap-2 text-xs text-slate-600">
        <span aria-hidden="true" className="inline-block h-0.5 w-4 bg-brand-600" />
        Readiness % of applicable requirements, one point a day ({points.length} days)
      </figcaption>
      {/* The wrapper hides the table: a table's rows overflow a sr-only table itself, which made
          the page scroll far past its content. */}
      <div className="sr-only">
        <table>
          <caption>Readiness by day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Readiness</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.day}>
                <td>{point.day}</td>
                <td>{Math.round(point.readinessPercent)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
