// A GFM table in the Markdown PDF: one bordered row of cells per table row, the header row bold
// on a tint. Each row is its own element of the page flow (never one container holding them
// all), so a long table breaks between rows and never lays its rows out again at each break.
import { StyleSheet, Text, View, type Styles } from "@react-pdf/renderer";
import type { PhrasingContent, Table } from "mdast";
import type { ReactNode } from "react";

const RULE = "#cbd5e1";
const TINT = "#f1f5f9";

const styles = StyleSheet.create({
  row: {
    flexDirection: "row",
    borderLeftWidth: 0.75,
    borderBottomWidth: 0.75,
    borderColor: RULE,
  },
  head: { borderTopWidth: 0.75, backgroundColor: TINT },
  cell: {
    flexBasis: 0,
    paddingVertical: 3,
    paddingHorizontal: 4,
    borderRightWidth: 0.75,
    borderColor: RULE,
    fontSize: 9.5,
    lineHeight: 1.35,
  },
  end: { height: 8 },
});

/** Column weights from the longest cell text of each column, so short columns stay narrow. */
function weights(lengths: number[][], columns: number): number[] {
  return Array.from({ length: columns }, (_, column) => {
    const longest = Math.max(0, ...lengths.map((row) => row[column] ?? 0));
    return Math.min(Math.max(longest, 4), 40);
  });
}

export type CellText = (children: readonly PhrasingContent[], bold: boolean) => ReactNode[];

/**
 * The table's rows as flow elements: `cellText` lays out a cell's inline content, `frame` is the
 * indentation or quote border of the context the table sits in, keys start at `key`.
 */
export function tableRows(
  node: Table,
  cellText: CellText,
  textOf: (node: PhrasingContent) => string,
  frame: Styles[string][],
  key: number,
): ReactNode[] {
  const columns = Math.max(1, ...node.children.map((row) => row.children.length));
  const lengths = node.children.map((row) =>
    row.children.map((cell) => cell.children.map(textOf).join("").length),
  );
  const widths = weights(lengths, columns);
  const rows = node.children.map((row, index) => (
    <View
      key={key + index}
      style={[styles.row, index === 0 ? styles.head : {}, ...frame]}
      wrap={false}
      minPresenceAhead={index === 0 ? 24 : 0}
    >
      {widths.map((width, column) => {
        const cell = row.children[column];
        return (
          <Text
            key={column}
            style={[styles.cell, { flexGrow: width, textAlign: node.align?.[column] ?? "left" }]}
          >
            {cell ? cellText(cell.children, index === 0) : ""}
          </Text>
        );
      })}
    </View>
  ));
  return [...rows, <View key={key + rows.length} style={styles.end} />];
}
