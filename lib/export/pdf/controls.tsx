// Control by control: who runs it, how, the design evidence and, for Type II, how much of the
// period is evidenced so far, with the sampling guidance for it.
import { Text } from "@react-pdf/renderer";
import type { ExportControl, ExportSummary } from "@/lib/domain/export/types";
import { percent, plural } from "./format";
import { CellLines, ReadyMark, SectionTitle } from "./layout";
import { cellHeight, CONTENT_WIDTH, rowHeight, SECTION_LEAD } from "./paging";
import { SlotLegend, SlotStrip, stripHeight } from "./slot-strip";
import { styles, TABLE_TEXT } from "./styles";
import { TablePages, type Column } from "./table";

const TYPE_II_WIDTHS = { ref: 60, control: 124, design: 80, operating: 124 };
const TYPE_I_WIDTHS = { ref: 60, control: 170, design: 95, operating: 0 };
type Widths = typeof TYPE_II_WIDTHS;
/** Inside the cell's horizontal padding. */
const STRIP_WIDTH = TYPE_II_WIDTHS.operating - 2 * TABLE_TEXT.cellPadding;
const LEGEND_HEIGHT = 20;

// Each cell's text comes from one function, used both to draw it and to estimate its height.
const refLines = (control: ExportControl) => [control.ref, control.ready ? "Ready" : "Not ready"];
const controlFacts = (control: ExportControl) => [
  control.owner ?? "No owner",
  `${control.frequencyLabel} · ${control.natureLabel}`,
  control.key ? "Key control" : "Not a key control",
];
const designFacts = ({ design }: ExportControl) => [plural(design.evidenceCount, "item"), design.latestEvidence ? `latest ${design.latestEvidence}` : ""];

function operatingLines({ operating, sampling }: ExportControl): { coverage: string; facts: string[] } {
  if (!operating) return { coverage: "—", facts: [] };
  const coverage =
    operating.coverage === null ? "Nothing due yet" : `${operating.covered} of ${operating.due} due covered (${percent(operating.coverage * 100)})`;
  const missing = operating.missing.length > 0 ? `Missing: ${operating.missing.join(", ")}` : "Missing: none";
  return { coverage, facts: [missing, sampling ? `Sampling: ${sampling.text}` : ""] };
}

const noteLines = (control: ExportControl) =>
  [
    ...control.reasons.map((reason) => `• ${reason}`),
    ...control.warnings.map((warning) => `Warning: ${warning}`),
    control.inScope ? "" : "Mapped only to requirements marked not applicable",
  ].filter(Boolean);

function OperatingCell({ control }: { control: ExportControl }) {
  const { coverage, facts } = operatingLines(control);
  return (
    <>
      <Text>{coverage}</Text>
      {control.operating ? <SlotStrip slots={control.operating.slots} width={STRIP_WIDTH} /> : null}
      <CellLines lines={facts} />
    </>
  );
}

function columns(widths: Widths, typeII: boolean): Column<ExportControl>[] {
  const all: (Column<ExportControl> | null)[] = [
    {
      header: "Ref",
      width: widths.ref,
      render: (control) => (
        <>
          <Text style={[styles.bold, { marginBottom: 2 }]}>{control.ref}</Text>
          <ReadyMark ready={control.ready} />
        </>
      ),
    },
    {
      header: "Control",
      width: widths.control,
      render: (control) => (
        <>
          <Text style={styles.bold}>{control.title}</Text>
          <CellLines lines={controlFacts(control)} />
        </>
      ),
    },
    {
      header: "Design evidence",
      width: widths.design,
      render: (control) => (
        <>
          <ReadyMark ready={control.design.ready} />
          <CellLines lines={designFacts(control)} />
        </>
      ),
    },
    typeII ? { header: "Operating evidence", width: widths.operating, render: (control) => <OperatingCell control={control} /> } : null,
    {
      header: "Reasons and warnings",
      render: (control) => {
        const lines = noteLines(control);
        return lines.length === 0 ? <Text style={styles.muted}>—</Text> : <CellLines lines={lines} muted={false} />;
      },
    },
  ];
  return all.filter((column) => column !== null);
}

function heightOf(control: ExportControl, widths: Widths): number {
  const notesWidth = CONTENT_WIDTH - widths.ref - widths.control - widths.design - widths.operating;
  const { coverage, facts } = operatingLines(control);
  const strip = control.operating ? stripHeight(control.operating.slots.length, STRIP_WIDTH) : 0;
  return rowHeight(
    cellHeight(refLines(control), widths.ref),
    cellHeight([control.title, ...controlFacts(control)], widths.control),
    cellHeight(["Ready", ...designFacts(control)], widths.design),
    widths.operating > 0 ? cellHeight([coverage, ...facts], widths.operating, strip) : 0,
    cellHeight(noteLines(control), notesWidth),
  );
}

export function ControlsPages({ summary }: { summary: ExportSummary }) {
  const typeII = summary.engagement.type === "TYPE_II";
  const widths = typeII ? TYPE_II_WIDTHS : TYPE_I_WIDTHS;
  const intro = typeII
    ? "Each control mapped to the engagement. Operating evidence counts the occurrences due so far in the period; each cell of the strip is one occurrence."
    : "Each control mapped to the engagement. A Type I report judges design as of the as-of date, so only design evidence is shown.";
  return (
    <TablePages
      summary={summary}
      lead={
        <>
          <SectionTitle title="Controls" intro={intro} />
          {typeII ? <SlotLegend /> : null}
        </>
      }
      leadHeight={SECTION_LEAD + (typeII ? LEGEND_HEIGHT : 0)}
      columns={columns(widths, typeII)}
      rows={summary.controls}
      rowKey={(control) => control.id}
      heightOf={(control) => heightOf(control, widths)}
    />
  );
}
