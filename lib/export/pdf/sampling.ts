// What the per-control sampling figures mean, and what they do not.
import type { ExportControl } from "@/lib/domain/export/types";
import { plural } from "./format";
import { paragraph, sectionTitle } from "./layout";
import type { FlowPart } from "./paging";

const TYPE_I_TEXT =
  "A Type I report looks at the design of each control as of a single date. The auditor does not test occurrences over a period, " +
  "so this summary gives no sampling guidance.";

const TYPE_II_TEXT =
  "For each control the Controls section gives the likely sample: how many occurrences the auditor will likely test, out of every occurrence the control " +
  "has over the whole period (its population). The figures follow common audit practice for a control of that frequency. They are " +
  "guidance only and never change readiness: the auditor decides the sample size and picks the occurrences, and may test more, for " +
  "example after an exception. Keep evidence for every occurrence, not only for as many as the expected sample.";

function totals(controls: readonly ExportControl[]): string | null {
  const sampled = controls.flatMap((control) => (control.sampling ? [control.sampling] : []));
  if (sampled.length === 0) return null;
  const population = sampled.reduce((sum, sampling) => sum + sampling.population, 0);
  const min = sampled.reduce((sum, sampling) => sum + sampling.min, 0);
  const max = sampled.reduce((sum, sampling) => sum + sampling.max, 0);
  const range = min === max ? `${min}` : `${min}–${max}`;
  return `Across ${plural(sampled.length, "control")}, that adds up to about ${range} occurrences to be tested out of ${population}.`;
}

export function samplingFlow(controls: readonly ExportControl[], typeII: boolean): FlowPart[] {
  const summary = typeII ? totals(controls) : null;
  return [
    sectionTitle("Sampling guidance", undefined, true),
    paragraph(typeII ? TYPE_II_TEXT : TYPE_I_TEXT, { keepWithNext: summary !== null }),
    ...(summary ? [paragraph(summary)] : []),
  ];
}
