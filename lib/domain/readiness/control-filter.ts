// The control readiness page's filter: by control (its ref or title) and by state. Pure.

export const CONTROL_STATES = ["not_ready", "ready", "missing"] as const;
export type ControlStateFilter = (typeof CONTROL_STATES)[number];

export const CONTROL_STATE_LABELS: Record<ControlStateFilter, string> = {
  not_ready: "Not ready",
  ready: "Ready",
  missing: "With missing occurrences",
};

type Filterable = {
  ref: string;
  title: string;
  ready: boolean;
  operating: { missing: readonly string[] } | null;
};

/** The controls matching `control` (case-insensitive, in ref or title) and `state`, in order. */
export function filterControls<T extends Filterable>(
  controls: readonly T[],
  filter: { control?: string; state?: ControlStateFilter },
): T[] {
  const wanted = filter.control?.trim().toLocaleLowerCase() ?? "";
  return controls.filter((control) => {
    if (
      wanted &&
      !control.ref.toLocaleLowerCase().includes(wanted) &&
      !control.title.toLocaleLowerCase().includes(wanted)
    )
      return false;
    switch (filter.state) {
      case "ready":
        return control.ready;
      case "not_ready":
        return !control.ready;
      case "missing":
        return (control.operating?.missing.length ?? 0) > 0;
      default:
        return true;
    }
  });
}
