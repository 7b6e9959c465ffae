import "./lib/pdf-under-tsx";
import { performance } from "node:perf_hooks";
import { CORPUS, largestAccepted, largestWithin, padded, plainParagraph, type MarkdownCase } from "./lib/bench-markdown-corpus";
import { benchFields, type BenchField } from "./lib/bench-markdown-fields";
import { fixed } from "./lib/bench-measure";
import { runBenchmark } from "./lib/bench-run";

// npm run bench:markdown   (BENCH_FIELDS=note or paperwork runs one field; BENCH_CASES=word runs
// the cases whose name contains it)
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
// (a refused text costs its validation only). The plain paragraph is timed before and after the
// corpus, and the faster of the two is the floor. Medians of several runs (after a warm-up, except for
// the PDFs, which take seconds each). The last
// line is the summary other tools read: the worst ratio of any case to its field's plain
// paragraph, and the slowest case's median. Target: worst_to_plain ≤ 20.

type Timing = { medianMs: number; accepted: boolean; message: string };
type Row = { field: string; name: string; variant: string; chars: number; timing: Timing; ratio: number };

const REFUSED_RUNS = 9;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function timeOnce(field: BenchField, text: string): Promise<{ ms: number; accepted: boolean; message: string }> {
  const start = performance.now();
  const validation = field.validate(text);
  if (validation.ok) await field.render(validation.text);
  return { ms: performance.now() - start, accepted: validation.ok, message: validation.ok ? "" : validation.message };
}

async function time(field: BenchField, text: string): Promise<Timing> {
  const first = await timeOnce(field, text);
  const [warmups, runs] = first.accepted ? [field.warmups, field.runs] : [1, REFUSED_RUNS];
  const times = warmups === 0 ? [first.ms] : [];
  while (times.length < runs) times.push((await timeOnce(field, text)).ms);
  return { medianMs: median(times), accepted: first.accepted, message: first.message };
}

function print(row: Row): void {
  const verdict = row.timing.accepted ? "accepted" : "refused ";
  const why = row.timing.accepted ? "" : `  ${row.timing.message.slice(0, 70)}`;
  console.log(
    `${row.field.padEnd(9)} ${row.name.padEnd(34)} ${row.variant.padEnd(8)} ${String(row.chars).padStart(7)}  ${verdict} ${fixed(row.timing.medianMs, 2).padStart(10)} ms ${fixed(row.ratio, 2).padStart(8)}×${why}`,
  );
}

/** The case's texts (sent; accepted and repeated, when sent is refused), each timed. */
async function benchCase(field: BenchField, markdownCase: MarkdownCase): Promise<{ variant: string; text: string; timing: Timing }[]> {
  const sent = markdownCase.build(largestWithin(markdownCase.build, field.maxChars));
  const timings = [{ variant: "sent", text: sent, timing: await time(field, sent) }];
  if (timings[0]?.timing.accepted) return timings;
  const fits = (text: string) => field.validate(padded(text, field.maxChars)).ok;
  const count = largestAccepted(largestWithin(markdownCase.build, field.maxChars), (candidate) => fits(markdownCase.build(candidate)));
  if (count === 0) return timings;
  const block = markdownCase.build(count);
  const accepted = padded(block, field.maxChars);
  timings.push({ variant: "accepted", text: accepted, timing: await time(field, accepted) });
  // A limit on one paragraph: the same block again in as many paragraphs as are accepted.
  const unit = `${block}\n\n`;
  const times = largestAccepted(Math.floor(field.maxChars / unit.length), (candidate) => fits(unit.repeat(candidate)));
  if (times > 1) {
    const repeated = padded(unit.repeat(times), field.maxChars);
    timings.push({ variant: "repeated", text: repeated, timing: await time(field, repeated) });
  }
  return timings;
}

/** Ordinary Markdown of every kind, rendered a few times before anything is timed so that the parser and React run compiled. */
const WARM_UP = ["# Heading", "A paragraph with **bold**, _italic_, `code`, [a link](https://example.com) and &amp;.", "- a list\n  - nested\n1. numbered", "> a quote", "```\ncode\n```", "---"].join("\n\n");

async function benchField(field: BenchField): Promise<Row[]> {
  const plain = plainParagraph(field.maxChars);
  for (let round = 0; round < 3; round += 1) {
    await field.render(padded(WARM_UP, Math.min(field.maxChars, 20_000)));
    await field.render(plain.slice(0, 20_000));
  }
  const before = await time(field, plain);
  if (!before.accepted) throw new Error(`The ${field.name} field refuses a plain paragraph: ${before.message}`);
  const only = process.env.BENCH_CASES?.trim();
  const cases = CORPUS.filter((candidate) => !only || candidate.name.includes(only));
  console.log(`\n${field.name}: ${field.maxChars.toLocaleString("en-GB")} characters at most; a plain paragraph of that size takes ${fixed(before.medianMs, 2)} ms (median of ${field.runs})`);
  const measured: { markdownCase: MarkdownCase; timings: { variant: string; text: string; timing: Timing }[] }[] = [];
  for (const markdownCase of cases) measured.push({ markdownCase, timings: await benchCase(field, markdownCase) });
  // The floor is the faster of two measurements, before and after the corpus: the stricter ratio.
  const after = await time(field, plain);
  const plainMs = Math.min(before.medianMs, after.medianMs);
  console.log(`${field.name}: the plain paragraph again: ${fixed(after.medianMs, 2)} ms; the floor is ${fixed(plainMs, 2)} ms`);
  const rows = measured.flatMap(({ markdownCase, timings }) =>
    timings.map(({ variant, text, timing }) => ({ field: field.name, name: markdownCase.name, variant, chars: text.length, timing, ratio: timing.medianMs / plainMs })),
  );
  rows.forEach(print);
  const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  console.log(`${field.name}: worst ${fixed(worst.ratio, 2)}× the plain paragraph (${worst.name}, ${worst.variant}, ${fixed(worst.timing.medianMs, 1)} ms)`);
  return rows;
}

async function bench(): Promise<string> {
  const wanted = process.env.BENCH_FIELDS?.split(",").map((name) => name.trim());
  const fields = benchFields().filter((field) => !wanted || wanted.includes(field.name));
  console.log(`field     case                               variant    chars  verdict      median    ×plain`);
  const rows: Row[] = [];
  for (const field of fields) rows.push(...(await benchField(field)));
  const ratio = Math.max(...rows.map((row) => row.ratio));
  const slowest = Math.max(...rows.map((row) => row.timing.medianMs));
  console.log(`\nworst_to_plain ${fixed(ratio, 2)}   (target: at most 20)`);
  return `markdown-bench worst_to_plain=${fixed(ratio, 2)} worst_ms=${fixed(slowest, 0)}`;
}

runBenchmark(bench, async () => {});
