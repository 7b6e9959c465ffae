// react-pdf's renderToBuffer, one PDF at a time, without the memory it keeps hold of.
// - One at a time: each PDF loads its fonts afresh (fonts.ts), replacing react-pdf's registered
//   fonts, which a PDF being laid out at the same time would lose.
// - Two things would otherwise keep a rendered report reachable (its React tree, and the export
//   model it was made from: tens of MB for a large organisation): react-pdf makes its renderer on
//   its first render and keeps that render's document for the life of the process, so a tiny
//   document is rendered first and that is all it keeps; and React's scheduler lets go of each
//   document on a later turn of the event loop (a setImmediate), so a caller that goes on without
//   yielding (SQLite queries are synchronous) would hold every report it renders in a row. Each
//   render waits for that turn before it returns.
import { Document, Page, renderToBuffer } from "@react-pdf/renderer";
import type { ReactElement } from "react";

type PdfDocument = ReactElement<Parameters<typeof renderToBuffer>[0]["props"]>;

let firstRender: Promise<unknown> | undefined;
/** Settles when the last render asked for has ended. */
let busy: Promise<void> = Promise.resolve();

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function renderAlone(build: () => Promise<PdfDocument>): Promise<Buffer> {
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
    return await renderToBuffer(await build());
  } finally {
    await nextTurn();
  }
}

/** Renders the document `build` makes (after any render still going), `build` included. */
export async function renderPdf(build: () => Promise<PdfDocument>): Promise<Buffer> {
  const before = busy;
  let release = () => {};
  busy = new Promise((resolve) => (release = resolve));
  try {
    await before;
    return await renderAlone(build);
  } finally {
    release();
  }
}
