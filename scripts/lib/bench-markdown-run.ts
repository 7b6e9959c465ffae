import { performance } from "node:perf_hooks";
import {
  CORPUS,
  largestAccepted,
  largestWithin,
  padded,
  plainParagraph,
  type MarkdownCase,
} from "./bench-markdown-corpus";
import { benchFields, type BenchField } from "./bench-markdown-fields";
import { fixed } from "./bench-measure";
import { runBenchmark } from "./bench-run";

// npm run bench:markdown   (BENCH_FIELDS=note or paperwork runs one field; BENCH_CASES=word runs
// the cases whose name contains it), which runs this file as built JavaScript
// (scripts/bench-markdown.ts).
// What Markdown can make the server do. For each field that is later rendered as Markdown (an
// evidence note: validated by the action, then rendered on the control page; a paperwork draft:
// validated by the PDF route, then parsed and laid out as a PDF), at the field's maximum size:
//   plain   a plain paragraph of that size, through the same validation and rendering: the floor,
//   each case of the corpus (scripts/lib/bench-markdown-corpus.ts), up to three ways:
//     sent      repeated to fill the field, as an attacker would send it,
//     accepted  (when "sent" is refused) the most of it the validation accepts, padded to the
//               field's size with plain words,
//     repeated  that accepted block again in as many paragraphs as the validation accepts (the
//               most an attacker gets past a limit on one paragraph), padded the same way,
// timed as the product spends it: the validation, then the rendering when the text is accepted
// (a refused text costs its validation only). Medians of several runs after warm-ups. A note's
// runs alternate with the plain paragraph's, whose median is that case's floor (the machine's
// load then weighs on both alike); a PDF takes seconds, so its runs have no warm-up and its
// floor is the faster of the plain paragraph's medians before and after the corpus. The last
// line is the summary other tools read: the worst ratio of any case to its field's plain
// paragraph, and the slowest case's median. Target: worst_to_plain ≤ 20.

type Timing = {
  medianMs: number;
  accepted: boolean;
  message: string;
  /** The plain paragraph's median, timed alternately with this text. */ plainMs?: number;
};
type Timed = { variant: string; text: string; timing: Timing };
type Row = {
  field: string;
  name: string;
  variant: string;
  chars: number;
  timing: Timing;
  ratio: number;
};

const REFUSED_RUNS = 9;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function timeOnce(
  field: BenchField,
  text: string,
): Promise<{ ms: number; accepted: boolean; message: string }> {
  const start = performance.now();
  const validation = field.validate(text);
  if (validation.ok) await field.render(validation.text);
  return {
    ms: performance.now() - start,
    accepted: validation.ok,
    message: validation.ok ? "" : validation.message,
  };
}

/** `text`'s median (after a warm-up unless the field has none), and, for a field that alternates, the plain paragraph's timed between its runs. */
async function time(field: BenchField, text: string, plain: string): Promise<Timing> {
  const first = await timeOnce(field, text);
  const runs = first.accepted ? field.runs : REFUSED_RUNS;
  const times = first.accepted && field.warmups === 0 ? [first.ms] : [];
  const plainTimes: number[] = [];
  while (times.length < runs) {
    if (field.alternate) plainTimes.push((await timeOnce(field, plain)).ms);
    times.push((await timeOnce(field, text)).ms);
  }
  return {
    medianMs: median(times),
    accepted: first.accepted,
    message: first.message,
    plainMs: field.alternate ? median(plainTimes) : undefined,
  };
}

function print(row: Row): void {
  const verdict = row.timing.accepted ? "accepted" : "refused ";
  const why = row.timing.accepted ? "" : `  ${row.timing.message.slice(0, 70)}`;
  const plain = row.timing.plainMs === undefined ? "" : ` (plain ${fixed(row.timing.plainMs, 1)})`;
  console.log(
    `${row.field.padEnd(9)} ${row.name.padEnd(34)} ${row.variant.padEnd(8)} ${String(row.chars).padStart(7)}  ${verdict} ${fixed(row.timing.medianMs, 2).padStart(10)} ms ${fixed(row.ratio, 2).padStart(8)}×${plain}${why}`,
  );
}

/** The case's texts (sent; accepted and repeated, when sent is refused), each timed. */
async function benchCase(
  field: BenchField,
  markdownCase: MarkdownCase,
  plain: string,
): Promise<Timed[]> {
  const most = largestWithin(markdownCase.build, field.maxChars);
  const sent = markdownCase.build(most);
  const timed: Timed[] = [{ variant: "sent", text: sent, timing: await time(field, sent, plain) }];
  if (timed[0]?.timing.accepted) return timed;
  const fits = (text: string) => field.validate(padded(text, field.maxChars)).ok;
  const count = largestAccepted(most, (candidate) => fits(markdownCase.build(candidate)));
  if (count === 0) return timed;
  const block = markdownCase.build(count);
  const accepted = padded(block, field.maxChars);
  timed.push({ variant: "accepted", text: accepted, timing: await time(field, accepted, plain) });
  // A limit on one paragraph: the same block again in as many paragraphs as are accepted.
  const unit = `${block}\n\n`;
  const times = largestAccepted(Math.floor(field.maxChars / unit.length), (candidate) =>
    fits(unit.repeat(candidate)),
  );
  if (times > 1) {
    const repeated = padded(unit.repeat(times), field.maxChars);
    timed.push({ variant: "repeated", text: repeated, timing: await time(field, repeated, plain) });
  }
  return timed;
}

/** Ordinary Markdown of every kind, rendered a few times before anything is timed so that the parser and React run compiled. */
const WARM_UP = [
  "# Heading",
  "A paragraph with **bold**, _italic_, `code`, [a link](https://example.com) and &amp;.",
  "- a list\n  - nested\n1. numbered",
  "> a quote",
  "```\ncode\n```",
  "---",
].join("\n\n");

async function benchField(field: BenchField): Promise<Row[]> {
  const plain = plainParagraph(field.maxChars);
  for (let round = 0; round < 3; round += 1) {
    await field.render(padded(WARM_UP, Math.min(field.maxChars, 20_000)));
    await field.render(plain.slice(0, 20_000));
  }
  const before = await time(field, plain, plain);
  if (!before.accepted)
    throw new Error(`The ${field.name} field refuses a plain paragraph: ${before.message}`);
  const only = process.env.BENCH_CASES?.trim();
  const cases = CORPUS.filter((candidate) => !only || candidate.name.includes(only));
  console.log(
    `\n${field.name}: ${field.maxChars.toLocaleString("en-GB")} characters at most; a plain paragraph of that size takes ${fixed(before.medianMs, 2)} ms (median of ${field.runs})`,
  );
  const measured: { markdownCase: MarkdownCase; timed: Timed[] }[] = [];
  for (const markdownCase of cases)
    measured.push({ markdownCase, timed: await benchCase(field, markdownCase, plain) });
  // Without alternating runs, the floor is the faster of two measurements, before and after the corpus: the stricter ratio.
  const after = field.alternate ? before : await time(field, plain, plain);
  const floor = Math.min(before.medianMs, after.medianMs);
  if (!field.alternate)
    console.log(
      `${field.name}: the plain paragraph again: ${fixed(after.medianMs, 2)} ms; the floor is ${fixed(floor, 2)} ms`,
    );
  const rows = measured.flatMap(({ markdownCase, timed }) =>
    timed.map(({ variant, text, timing }) => ({
      field: field.name,
      name: markdownCase.name,
      variant,
      chars: text.length,
      timing,
      ratio: timing.medianMs / (timing.plainMs ?? floor),
    })),
  );
  rows.forEach(print);
  const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  console.log(
    `${field.name}: worst ${fixed(worst.ratio, 2)}× the plain paragraph (${worst.name}, ${worst.variant}, ${fixed(worst.timing.medianMs, 1)} ms)`,
  );
  return rows;
}

async function bench(): Promise<string> {
  const wanted = process.env.BENCH_FIELDS?.split(",").map((name) => name.trim());
  const fields = benchFields().filter((field) => !wanted || wanted.includes(field.name));
  console.log(
    `field     case                               variant    chars  verdict      median    ×plain`,
  );
  const rows: Row[] = [];
  for (const field of fields) rows.push(...(await benchField(field)));
  const ratio = Math.max(...rows.map((row) => row.ratio));
  const slowest = Math.max(...rows.map((row) => row.timing.medianMs));
  console.log(`\nworst_to_plain ${fixed(ratio, 2)}   (target: at most 20)`);
  return `markdown-bench worst_to_plain=${fixed(ratio, 2)} worst_ms=${fixed(slowest, 0)}`;
}

runBenchmark(bench, async () => {});
