// Tables whose header repeats on every page and whose rows never split across pages, and the
// long ones cut into one <Page> per page's worth of rows (see paging.ts for why).
import type { ReactNode } from "react";
import { Text, View } from "@react-pdf/renderer";
import type { ExportSummary } from "@/lib/domain/export/types";
import { EmptyNote, ReportPage } from "./layout";
import { GROUP_ROW, pageRows, ROWS_HEIGHT } from "./paging";
import { styles } from "./styles";

export type Column<T> = { header: string; width?: number; render: (row: T) => ReactNode };

type TableProps<T> = {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Rows arrive sorted by group; a label row starts each group and each page. */
  groupOf?: (row: T) => string;
  /** Estimated row height in points (paging.ts); a row taller than a page may split rather than run off it. */
  heightOf?: (row: T) => number;
};

export function Table<T>({ columns, rows, rowKey, groupOf, heightOf }: TableProps<T>) {
  return (
    <View style={styles.table}>
      <View style={styles.headerRow} fixed>
        {columns.map((column) => (
          <Text key={column.header} style={[styles.cell, widthOf(column)]}>
            {column.header}
          </Text>
        ))}
      </View>
      {rows.map((row, index) => {
        const group = groupOf?.(row);
        const previous = index > 0 ? rows[index - 1] : undefined;
        const startsGroup = group !== undefined && (previous === undefined || groupOf?.(previous) !== group);
        return [
          startsGroup ? (
            <View key={`group-${group}`} style={styles.groupRow} minPresenceAhead={40} wrap={false}>
              <Text style={styles.groupText}>{group}</Text>
            </View>
          ) : null,
          <View key={rowKey(row)} style={styles.row} wrap={heightOf ? heightOf(row) > ROWS_HEIGHT : false}>
            {columns.map((column) => (
              <View key={column.header} style={[styles.cell, widthOf(column)]}>
                {cellContent(column.render(row))}
              </View>
            ))}
          </View>,
        ];
      })}
    </View>
  );
}

type TablePagesProps<T> = TableProps<T> & {
  summary: ExportSummary;
  /** Section heading shown above the table on its first page. */
  lead: ReactNode;
  leadHeight: number;
  heightOf: (row: T) => number;
};

/** Group labels repeat at the top of each page, so every page keeps room for one. */
const repeatedHeight = (grouped: boolean) => (grouped ? GROUP_ROW : 0);

/** A table long enough to need many pages, as one <Page> per page's worth of rows. */
export function TablePages<T>({ summary, lead, leadHeight, rows, ...table }: TablePagesProps<T>) {
  if (rows.length === 0) {
    return (
      <ReportPage summary={summary}>
        {lead}
        <EmptyNote />
      </ReportPage>
    );
  }
  return pageRows(rows, table.heightOf, leadHeight, repeatedHeight(table.groupOf !== undefined)).map((pageOfRows, index) => (
    <ReportPage key={index} summary={summary}>
      {index === 0 ? lead : null}
      <Table {...table} rows={pageOfRows} />
    </ReportPage>
  ));
}

function widthOf(column: { width?: number }) {
  return column.width === undefined ? { flex: 1 } : { width: column.width };
}

function cellContent(content: ReactNode): ReactNode {
  return typeof content === "string" || typeof content === "number" ? <Text>{content}</Text> : content;
}
