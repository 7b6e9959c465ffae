// react-pdf's renderToBuffer, without the memory it keeps hold of. Two things would otherwise
// keep a rendered report reachable (its React tree, and the export model it was made from: tens
// of MB for a large organisation):
// - react-pdf makes its renderer on its first render, and the renderer keeps that render's
//   document for the life of the process. A tiny document is rendered first, so that is all it
//   keeps.
// - React's scheduler lets go of each document on a later turn of the event loop (a
//   setImmediate). A caller that goes on without yielding (SQLite queries are synchronous) would
//   hold every report it renders in a row. Each render waits for that turn before it returns.
import { Document, Page, renderToBuffer } from "@react-pdf/renderer";
import type { ReactElement } from "react";

let firstRender: Promise<unknown> | undefined;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

export async function renderPdf(
  document: ReactElement<Parameters<typeof renderToBuffer>[0]["props"]>,
): Promise<Buffer> {
  await (firstRender ??= renderToBuffer(
    <Document>
      <Page size="A7" />
    </Document>,
  )
    .then(nextTurn)
    .catch((error: unknown) => {
      firstRender = undefined;
      throw error;
    }));
  try {
    return await renderToBuffer(document);
  } finally {
    await nextTurn();
  }
}
