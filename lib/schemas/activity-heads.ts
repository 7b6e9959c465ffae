import { z } from "zod";
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_REASONS,
  CHECKPOINT_VERSION,
  type CheckpointDocument,
} from "@/lib/domain/activity-checkpoint";
import { singleLine } from "./text";

// Activity heads people bring from outside Assay: a checkpoint file, a pack's manifest.json or a
// JSON export. The same reading serves the verify page (in the browser, over the first part of
// each file), its route, and `npm run activity:verify`.

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "not a lowercase hex SHA-256");
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not an id");

export const CheckpointDocumentInput = z.strictObject({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(CHECKPOINT_VERSION),
  organizationId: Id,
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  hash: Sha256,
  reason: z.enum(CHECKPOINT_REASONS),
  exportRunId: Id.nullable(),
  createdAt: z.iso.datetime(),
  signature: z
    .string()
    .regex(/^[A-Za-z0-9+/=]{1,200}$/, "not a base64 signature")
    .nullable(),
  keyId: z
    .string()
    .regex(/^[0-9a-f]{16}$/, "not a key id")
    .nullable(),
}) satisfies z.ZodType<CheckpointDocument>;

/** The `activityHead` of an export: the head it was made at and the checkpoint recording it. */
export const ExportedHeadInput = z.strictObject({
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  hash: Sha256,
  checkpoint: CheckpointDocumentInput.nullable(),
});
export type ExportedHead = z.infer<typeof ExportedHeadInput>;

export const MAX_EXTERNAL_HEADS = 50;

/** POST /api/orgs/:orgSlug/activity/verify */
export const VerifyActivityInput = z.object({
  heads: z
    .array(z.strictObject({ label: singleLine().min(1).max(200), head: ExportedHeadInput }), {
      error: "Send a list of heads.",
    })
    .max(MAX_EXTERNAL_HEADS, `Check at most ${MAX_EXTERNAL_HEADS} files at once.`),
});
export type VerifyActivityInput = z.infer<typeof VerifyActivityInput>;
export type LabelledHead = VerifyActivityInput["heads"][number];

/** How much of each file is read: the head is in its first line (manifest) or first fields. */
export const HEAD_PREFIX_BYTES = 1024 * 1024;

const PACK_FORMAT = "assay-evidence-pack";
const EXPORT_FORMAT = "assay-readiness-export";

type Found = { ok: true; head: LabelledHead } | { ok: false; message: string };

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The JSON object starting at `start` in `text`, cut out by counting braces outside strings;
 * undefined when it does not close within `text` (a prefix of a larger file).
 */
function objectAt(text: string, start: number): string | undefined {
  if (text[start] !== "{") return undefined;
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === "\\") index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === "{") depth += 1;
    else if (character === "}" && --depth === 0) return text.slice(start, index + 1);
  }
  return undefined;
}

function fromValue(name: string, value: unknown): Found {
  const format = (value as { format?: unknown } | null)?.format;
  if (format === CHECKPOINT_FORMAT) {
    const parsed = CheckpointDocumentInput.safeParse(value);
    if (!parsed.success)
      return {
        ok: false,
        message: `${name}: not a valid checkpoint (${parsed.error.issues[0]?.message ?? "invalid"}).`,
      };
    const { seq, hash } = parsed.data;
    return {
      ok: true,
      head: {
        label: `${name} (${parsed.data.reason} checkpoint of ${parsed.data.createdAt})`,
        head: { seq, hash, checkpoint: parsed.data },
      },
    };
  }
  if (format !== PACK_FORMAT && format !== EXPORT_FORMAT)
    return {
      ok: false,
      message: `${name}: not an Assay checkpoint, pack manifest or JSON export.`,
    };
  const kind = format === PACK_FORMAT ? "pack manifest" : "JSON export";
  const generatedAt = (value as { generatedAt?: unknown }).generatedAt;
  const head = (value as { activityHead?: unknown }).activityHead;
  if (head === undefined)
    return {
      ok: false,
      message: `${name}: this ${kind} predates activity heads; it has none to check.`,
    };
  const parsed = ExportedHeadInput.safeParse(head);
  if (!parsed.success)
    return {
      ok: false,
      message: `${name}: the ${kind}'s activity head is not valid (${parsed.error.issues[0]?.message ?? "invalid"}).`,
    };
  const at = typeof generatedAt === "string" ? generatedAt : parsed.data.checkpoint?.createdAt;
  const when = at ? ` generated ${at}` : "";
  return { ok: true, head: { label: `${name} (${kind}${when})`, head: parsed.data } };
}

/**
 * The head in a file's text, given whole or as its first HEAD_PREFIX_BYTES: a checkpoint
 * (the whole file), a pack manifest (its first line is the header), a JSON export (the head is
 * its third field, written before the rest).
 */
export function headFromFileText(name: string, text: string): Found {
  const whole = tryJson(text);
  if (whole !== undefined) return fromValue(name, whole);
  const firstLine = text
    .slice(0, text.indexOf("\n") === -1 ? text.length : text.indexOf("\n"))
    .replace(/\r$/, "");
  if (firstLine.endsWith('"files":[')) {
    const header = tryJson(`${firstLine}]}`);
    if (header !== undefined) return fromValue(name, header);
  }
  const opening = `{"format":"${EXPORT_FORMAT}","version":1,"activityHead":`;
  if (text.startsWith(opening)) {
    const head = objectAt(text, opening.length);
    const value = head === undefined ? undefined : tryJson(head);
    if (value !== undefined) return fromValue(name, { format: EXPORT_FORMAT, activityHead: value });
  }
  return {
    ok: false,
    message: `${name}: not an Assay checkpoint, pack manifest or JSON export (or too large to read its head).`,
  };
}
