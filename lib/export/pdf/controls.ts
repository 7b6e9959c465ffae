// Control by control, one compact row each: who runs it, how, the design evidence and, for Type
// II, how much of the period is evidenced so far and the sample the auditor will likely test.
// Why a control is not ready, and every occurrence it misses, follow in a second table that lists
// only the controls needing attention, so the long table stays short.
import type { ExportControl, ExportSummary } from "@/lib/domain/export/types";
import { occurrenceList, percent, plural, sampleText } from "./format";
import { emptyNote, paragraph, sectionTitle, subheading } from "./layout";
import type { FlowPart } from "./paging";
import { slotLegend, stripCells } from "./slot-strip";
import { COLORS } from "./styles";
import { tableFlow, type Column, type Paragraph } from "./table";

const muted = (text: string): Paragraph => ({ text, color: COLORS.muted });

const refColumn: Column<ExportControl> = {
  header: "Ref",
  width: 56,
  cell: (control) => [
    { text: control.ref, face: "Sans-Bold" },
    control.ready
      ? { text: "Ready", face: "Sans-Bold", color: COLORS.good }
      : { text: "Not ready", face: "Sans-Bold", color: COLORS.warn },
  ],
};

const controlColumn: Column<ExportControl> = {
  header: "Control and owner",
  cell: (control) => [
    { text: control.title },
    control.owner ? muted(control.owner) : { text: "No owner", color: COLORS.warn },
  ],
};

const howColumn = (width: number): Column<ExportControl> => ({
  header: "Frequency and nature",
  width,
  cell: (control) => [{ text: control.frequencyLabel }, muted(control.natureLabel)],
});

const keyColumn: Column<ExportControl> = {
  header: "Key",
  width: 26,
  cell: (control) => [control.key ? { text: "Yes" } : muted("No")],
};

const designColumn = (width: number): Column<ExportControl> => ({
  header: "Design evidence, latest",
  width,
  cell: ({ design }) =>
    design.evidenceCount === 0
      ? [{ text: "None", color: COLORS.warn }]
      : [{ text: plural(design.evidenceCount, "item") }, muted(design.latestEvidence ?? "")],
});

function coverageText({ operating }: ExportControl): string {
  if (!operating) return "—";
  return operating.coverage === null
    ? "Nothing due yet"
    : `${operating.covered} of ${operating.due} due (${percent(operating.coverage * 100)})`;
}

const operatingColumn: Column<ExportControl> = {
  header: "Operating evidence",
  width: 88,
  cell: (control) => [
    ...(control.operating && control.operating.slots.length > 0
      ? [{ strip: stripCells(control.operating.slots) }]
      : []),
    { text: coverageText(control) },
  ],
};

const sampleColumn: Column<ExportControl> = {
  header: "Likely sample",
  width: 48,
  cell: (control) => [{ text: control.sampling ? sampleText(control.sampling) : "—" }],
};

const TYPE_II_COLUMNS = [
  refColumn,
  controlColumn,
  howColumn(76),
  keyColumn,
  designColumn(64),
  operatingColumn,
  sampleColumn,
];
const TYPE_I_COLUMNS = [refColumn, controlColumn, howColumn(100), keyColumn, designColumn(90)];

/** Why a control needs attention: its reasons, its warnings, and scope. */
const noteParagraphs = (control: ExportControl): Paragraph[] => [
  ...control.reasons.map((reason) => ({ text: `• ${reason}` })),
  ...control.warnings.map((warning) => ({ text: `Warning: ${warning}`, color: COLORS.warn })),
  ...(control.inScope ? [] : [muted("Mapped only to requirements marked not applicable")]),
];

const needsAttention = (control: ExportControl) =>
  !control.ready || control.warnings.length > 0 || !control.inScope;

const missingColumn: Column<ExportControl> = {
  header: "Missing occurrences",
  width: 190,
  cell: ({ operating }) => [
    operating && operating.missing.length > 0
      ? { text: occurrenceList(operating.missing) }
      : muted("None"),
  ],
};

const NOTES_COLUMNS: Column<ExportControl>[] = [
  refColumn,
  { header: "Reasons and warnings", cell: noteParagraphs },
];

export function controlsFlow(summary: ExportSummary): FlowPart[] {
  const typeII = summary.engagement.type === "TYPE_II";
  const intro = typeII
    ? "Each control mapped to the engagement. Operating evidence counts the occurrences due so far in the period; each square of the strip is one occurrence. The likely sample is out of every occurrence in the whole period (see Sampling guidance)."
    : "Each control mapped to the engagement. A Type I report judges design as of the as-of date, so only design evidence is shown.";
  const attention = summary.controls.filter(needsAttention);
  return [
    sectionTitle("Controls", intro),
    ...(typeII ? [slotLegend()] : []),
    summary.controls.length === 0
      ? emptyNote()
      : tableFlow({ columns: typeII ? TYPE_II_COLUMNS : TYPE_I_COLUMNS, rows: summary.controls }),
    subheading("Controls needing attention"),
    ...(attention.length === 0
      ? [emptyNote("Every control is ready, in scope and without warnings")]
      : [
          paragraph(
            typeII
              ? "Each control that is not ready or has a warning: why, and every occurrence it is missing so far."
              : "Each control that is not ready or has a warning, and why.",
            { muted: true, keepWithNext: true },
          ),
          tableFlow({
            columns: typeII ? [...NOTES_COLUMNS, missingColumn] : NOTES_COLUMNS,
            rows: attention,
          }),
        ]),
  ];
}
