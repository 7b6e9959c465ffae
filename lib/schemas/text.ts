import { z } from "zod";

// The page CSP allows no eval (proxy.ts): in the browser zod must not even probe for it, since
// the probe, though caught, is reported as a violation. Every client form imports this module.
if (typeof window !== "undefined") z.config({ jitless: true });

// Every text that crosses the boundary (form fields, query and route parameters) goes through
// these. PostgreSQL refuses NUL in text outright (a 500 before this existed); the other control
// characters, lone surrogates and Unicode non-characters have no place in a title or a note and
// can hide text on screen or break the exports.
const FORBIDDEN = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/u;
const FORBIDDEN_MULTI_LINE = /(?![\t\n])[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}]/u;
const CONTROL = /\p{Cc}/u;

type TextKind = "single-line" | "multi-line";

function problemAt(text: string, index: number, character: string): string {
  const position = Array.from(text.slice(0, index)).length + 1;
  return CONTROL.test(character)
    ? `Remove the control character at position ${position}.`
    : `Remove the invalid character at position ${position}.`;
}

/** What is wrong with `text`, as a field message, or null when every character is acceptable. */
export function textProblem(text: string, kind: TextKind = "single-line"): string | null {
  const match = (kind === "multi-line" ? FORBIDDEN_MULTI_LINE : FORBIDDEN).exec(text);
  return match ? problemAt(text, match.index, match[0]) : null;
}

type StringParams = Parameters<typeof z.string>[0];

// continue: false, so a rejected character is the only message, not also "too short".
const refuse = (context: z.RefinementCtx, message: string | null) => {
  if (message) context.addIssue({ code: "custom", message, continue: false });
};

/**
 * One line of text, trimmed: no control characters at all (tab included). Whitespace around
 * the text (a pasted line's newline) is trimmed rather than refused. Chain .min(), .max().
 */
export function singleLine(params?: StringParams): z.ZodString {
  return z
    .string(params)
    .superRefine((text, context) => {
      const offset = text.length - text.trimStart().length;
      const match = FORBIDDEN.exec(text.trim());
      refuse(context, match ? problemAt(text, offset + match.index, match[0]) : null);
    })
    .trim();
}

/** Text that may span lines: tab and newline allowed, CR and CRLF become newline. */
export function multiLine(params?: StringParams): z.ZodString {
  return z
    .string(params)
    .overwrite((text) => text.replace(/\r\n?/g, "\n"))
    .superRefine((text, context) => refuse(context, textProblem(text, "multi-line")));
}

/** An id posted by a form: opaque to the form, bounded, single-line. Unknown ids are NOT_FOUND later. */
export const FormId = singleLine({ error: "Missing id." })
  .min(1, "Missing id.")
  .max(64, "Invalid id.");

// Prisma's cuid(): "c" and 24 lowercase letters or digits.
const CUID = /^c[a-z0-9]{24}$/;

/** A record id in a URL (`[controlId]`, `[runId]`…): anything else is answered with not found. */
export const IdParam = z.string().regex(CUID);
