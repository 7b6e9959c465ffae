// What a page of the report draws, gathered first and painted in batches: every shape of one style in one
// path, and text with a font or colour change only where it differs from the line before. pdfkit
// writes each colour, width and paint operator it is given, so drawing row by row repeated them
// tens of thousands of times in a long report. Shapes overlap only in the order draw() keeps
// (backgrounds, boxes, lines, dots, then text); text keeps its order, which is the order a reader
// or a text extractor takes it in. Each line of text may name the structure element it belongs
// to (structure.ts); the shapes are artifacts.
import type { Face } from "./fonts";
import { ARTIFACT, type Marking } from "./structure";

/** The part of pdfkit's document (pdfkit-document.ts) the report draws with. */
export type Painter = {
  /** A face, by the key it is held under (DrawOptions.fontKey). */
  font(key: string): Painter;
  fontSize(size: number): Painter;
  fillColor(color: string): Painter;
  lineWidth(width: number): Painter;
  text(
    text: string,
    x: number,
    y: number,
    options: { lineBreak: false; baseline: "alphabetic"; characterSpacing?: number },
  ): Painter;
  rect(x: number, y: number, width: number, height: number): Painter;
  circle(x: number, y: number, radius: number): Painter;
  moveTo(x: number, y: number): Painter;
  lineTo(x: number, y: number): Painter;
  fill(color?: string): Painter;
  stroke(color?: string): Painter;
  fillAndStroke(fill: string, stroke: string): Painter;
};

/** Draws content as part of a structure element, or as an artifact (structure.ts). */
export type Marker = (marking: Marking, draw: () => void) => void;

export type DrawOptions = {
  /** Marks the shapes as an artifact and each run of lines of one element as its content. */
  mark?: Marker;
  /** The key the painter holds a face under (OpenedPdf.fontKeys); the face's name by default. */
  fontKey?: (face: Face) => string;
};

/** Lines are broken by the caller, never by pdfkit; y is the baseline. */
const TEXT_OPTIONS = { lineBreak: false, baseline: "alphabetic" } as const;

type TextLine = {
  text: string;
  x: number;
  y: number;
  face: Face;
  size: number;
  color: string;
  mark?: Marking;
  spacing?: number;
};
/** A line's structure element and letter spacing. */
export type TextOptions = { mark?: Marking; spacing?: number };
type Boxes = { fill: string; stroke: string | null; width: number; rects: number[] };
type Lines = { color: string; width: number; segments: number[] };
type Dots = { color: string; circles: number[] };

/** The entry of `key` in `map`, made by `create` the first time. */
function entry<T>(map: Map<string, T>, key: string, create: () => T): T {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

export class Sketch {
  private readonly backgrounds = new Map<string, Boxes>();
  private readonly boxes = new Map<string, Boxes>();
  private readonly lines = new Map<string, Lines>();
  private readonly dots = new Map<string, Dots>();
  private readonly texts: TextLine[] = [];

  /** A filled rectangle drawn under everything else. */
  background(x: number, y: number, width: number, height: number, fill: string): this {
    entry(this.backgrounds, fill, () => ({ fill, stroke: null, width: 0, rects: [] })).rects.push(
      x,
      y,
      width,
      height,
    );
    return this;
  }

  /** A filled rectangle, outlined when `stroke` is given. */
  box(
    x: number,
    y: number,
    width: number,
    height: number,
    fill: string,
    stroke: string | null = null,
    lineWidth = 0,
  ): this {
    entry(this.boxes, `${fill} ${stroke} ${lineWidth}`, () => ({
      fill,
      stroke,
      width: lineWidth,
      rects: [],
    })).rects.push(x, y, width, height);
    return this;
  }

  line(x1: number, y1: number, x2: number, y2: number, color: string, width: number): this {
    entry(this.lines, `${color} ${width}`, () => ({ color, width, segments: [] })).segments.push(
      x1,
      y1,
      x2,
      y2,
    );
    return this;
  }

  dot(x: number, y: number, radius: number, color: string): this {
    entry(this.dots, color, () => ({ color, circles: [] })).circles.push(x, y, radius);
    return this;
  }

  /** One line of text, already broken to fit; `y` is its baseline. */
  text(
    text: string,
    x: number,
    y: number,
    face: Face,
    size: number,
    color: string,
    { mark, spacing }: TextOptions = {},
  ): this {
    if (text) this.texts.push({ text, x, y, face, size, color, mark, spacing });
    return this;
  }

  /** Paints everything: the shapes under the text, the text in the order it was given. */
  draw(
    painter: Painter,
    { mark = (_marking, draw) => draw(), fontKey = (face) => face }: DrawOptions = {},
  ): void {
    const groups = [this.backgrounds, this.boxes, this.lines, this.dots];
    if (groups.some((group) => group.size > 0)) mark(ARTIFACT, () => this.drawShapes(painter));
    let current: Omit<TextLine, "text" | "x" | "y"> | undefined;
    for (let start = 0; start < this.texts.length;) {
      const marking = this.texts[start]?.mark ?? ARTIFACT;
      let end = start + 1;
      while (end < this.texts.length && (this.texts[end]?.mark ?? ARTIFACT) === marking) end += 1;
      const run = this.texts.slice(start, end);
      mark(marking, () => {
        for (const line of run) {
          if (line.face !== current?.face) painter.font(fontKey(line.face));
          if (line.size !== current?.size) painter.fontSize(line.size);
          if (line.color !== current?.color) painter.fillColor(line.color);
          current = line;
          painter.text(
            line.text,
            line.x,
            line.y,
            line.spacing ? { ...TEXT_OPTIONS, characterSpacing: line.spacing } : TEXT_OPTIONS,
          );
        }
      });
      start = end;
    }
  }

  private drawShapes(painter: Painter): void {
    for (const group of [this.backgrounds, this.boxes]) {
      for (const { fill, stroke, width, rects } of group.values()) {
        for (let index = 0; index < rects.length; index += 4)
          painter.rect(rects[index]!, rects[index + 1]!, rects[index + 2]!, rects[index + 3]!);
        if (stroke) painter.lineWidth(width).fillAndStroke(fill, stroke);
        else painter.fill(fill);
      }
    }
    for (const { color, width, segments } of this.lines.values()) {
      for (let index = 0; index < segments.length; index += 4)
        painter
          .moveTo(segments[index]!, segments[index + 1]!)
          .lineTo(segments[index + 2]!, segments[index + 3]!);
      painter.lineWidth(width).stroke(color);
    }
    for (const { color, circles } of this.dots.values()) {
      for (let index = 0; index < circles.length; index += 3)
        painter.circle(circles[index]!, circles[index + 1]!, circles[index + 2]!);
      painter.fill(color);
    }
  }
}
