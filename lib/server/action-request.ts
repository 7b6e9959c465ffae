import { AppError } from "@/lib/errors";

// Next parses a server action's request (the Origin check, the body, React's reply format)
// before any of our code runs, and answers 500 to anything it cannot parse. proxy.ts runs this
// first on every POST to a page, so a cross-origin, oversized or malformed call is refused with
// the one error contract instead. It reads the body once more (bounded by the same limit).

/** The largest action body; next.config.js's serverActions.bodySizeLimit says the same ("3mb"). */
export const MAX_ACTION_BODY_BYTES = 3 * 1024 * 1024;

// React's reply decoder recurses once per nesting level (a stack overflow at ~10,000) and
// refuses more than 1,000,000 array slots; ours are far below both.
const MAX_DEPTH = 64;
const MAX_ARRAY_SLOTS = 100_000;
// A call's root part is its list of arguments (Next refuses more than 1,000 with a 500; ours
// take a previous state and a form).
const MAX_ARGUMENTS = 16;

const unreadable = () =>
  new AppError("VALIDATION", "The form could not be read. Reload the page and try again.");

/** The hosts a same-origin request may name in Origin: the one it was sent to, and APP_URL's. */
function allowedHosts(headers: Headers, appUrl: string | undefined): string[] {
  const hosts = [
    headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host") || "",
  ];
  if (appUrl) {
    try {
      hosts.push(new URL(appUrl).host);
    } catch {
      // A malformed APP_URL is reported where links are built; here it allows nothing more.
    }
  }
  return hosts.filter(Boolean);
}

function isCrossOrigin(headers: Headers, appUrl: string | undefined): boolean {
  const origin = headers.get("origin");
  if (origin === null) return headers.get("sec-fetch-site") === "cross-site";
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  return !allowedHosts(headers, appUrl).includes(host);
}

async function readAtMost(
  request: Request,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (;;) {
    const next = reader ? await reader.read() : { done: true as const };
    if (next.done) break;
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      return null;
    }
    chunks.push(next.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Nesting depth of JSON text, counted without parsing (brackets inside strings do not count). */
function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") deepest = Math.max(deepest, ++depth);
    else if (char === "]" || char === "}") depth--;
  }
  return deepest;
}

// What our forms' replies contain: JSON values, escaped strings ("$$…"), undefined, special
// numbers, dates, big integers, FormData ("$K…") and, for forms posted without JavaScript,
// promises of other parts ("$@…"). Anything else (server references, streams, typed arrays,
// outlined parts a reply does not carry) is refused rather than left to fail inside React.
const PLAIN_TOKEN = /^\$(\$.*|undefined|NaN|Infinity|-Infinity|-0|D.*|n-?\d{1,300}|K[0-9a-f]+)$/s;
const PART_REFERENCE = /^\$@([0-9a-f]{1,8})$/;

/** Checks one JSON part of a reply; returns it and the ids of the parts it refers to, or null when refused. */
function checkReplyPart(text: string): { root: unknown; referenced: number[] } | null {
  if (jsonDepth(text) > MAX_DEPTH) return null;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return null;
  }
  const referenced: number[] = [];
  const pending: unknown[] = [root];
  let slots = 0;
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string" && value.startsWith("$")) {
      const part = PART_REFERENCE.exec(value);
      if (part?.[1]) referenced.push(Number.parseInt(part[1], 16));
      else if (!PLAIN_TOKEN.test(value)) return null;
    } else if (Array.isArray(value)) {
      slots += value.length;
      if (slots > MAX_ARRAY_SLOTS) return null;
      for (const item of value) pending.push(item);
    } else if (value !== null && typeof value === "object") {
      for (const item of Object.values(value)) pending.push(item);
    }
  }
  return { root, referenced };
}

/** A reply: its root part (a call's arguments, when `isCall`) and every part it refers to, through `part(id)`. */
function replyReadable(part: (id: number) => string | undefined, isCall: boolean): boolean {
  const seen = new Set<number>();
  const pending = [0];
  while (pending.length > 0) {
    const id = pending.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    const text = part(id);
    if (text === undefined) return false;
    const checked = checkReplyPart(text);
    if (checked === null) return false;
    if (
      id === 0 &&
      isCall &&
      !(Array.isArray(checked.root) && checked.root.length <= MAX_ARGUMENTS)
    )
      return false;
    for (const next of checked.referenced) pending.push(next);
  }
  return true;
}

// Next reads multipart bodies with busboy, which is stricter about part headers than the
// parser behind Request.formData(): a header line busboy refuses is refused here too.
const PART_HEADER = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*$/;
const MAX_PART_HEADER_BYTES = 16 * 1024;

function partHeadersWellFormed(body: Uint8Array, contentType: string): boolean {
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const delimiter = `\r\n--${boundary?.[1] ?? boundary?.[2] ?? ""}`;
  const text = `\r\n${Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("latin1")}`;
  for (const part of text.split(delimiter).slice(1)) {
    if (part.startsWith("--")) break;
    const headersEnd = part.indexOf("\r\n\r\n");
    if (headersEnd === -1 || headersEnd > MAX_PART_HEADER_BYTES) return false;
    const lines = part.slice(0, headersEnd).split("\r\n").slice(1);
    if (!lines.every((line) => PART_HEADER.test(line))) return false;
  }
  return true;
}

function formReadable(form: FormData, isFetchAction: boolean): boolean {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : undefined;
  };
  if (isFetchAction) return replyReadable((id) => text(String(id)), true);
  // A form posted without JavaScript: "$ACTION_REF_<n>" names its bound metadata "$ACTION_<n>:…".
  for (const key of form.keys()) {
    if (!key.startsWith("$ACTION_REF_")) continue;
    const prefix = `$ACTION_${key.slice("$ACTION_REF_".length)}:`;
    if (!replyReadable((id) => text(`${prefix}${id}`), false)) return false;
  }
  return true;
}

/**
 * Why a POST to a page (a server action, or something claiming to be one) is refused, or null
 * to let Next handle it. Content types are compared as Next compares them (case-sensitive).
 */
export async function actionRequestRefusal(
  request: Request,
  appUrl: string | undefined,
  maxBytes = MAX_ACTION_BODY_BYTES,
): Promise<AppError | null> {
  const { headers } = request;
  if (isCrossOrigin(headers, appUrl))
    return new AppError("FORBIDDEN", "Cross-origin requests are not allowed.");
  const contentType = headers.get("content-type") ?? "";
  const isFetchAction = headers.has("next-action");
  const isMultipart = contentType.startsWith("multipart/form-data");
  if (!isFetchAction && !isMultipart) return null;
  if (contentType === "application/x-www-form-urlencoded") return null;
  if (!isMultipart && !contentType.startsWith("text/plain"))
    return new AppError("VALIDATION", "Send the form as multipart/form-data.");
  if (Number(headers.get("content-length")) > maxBytes)
    return new AppError("TOO_LARGE", "The form is too large to send.");
  const body = await readAtMost(request, maxBytes);
  if (body === null) return new AppError("TOO_LARGE", "The form is too large to send.");
  if (!isMultipart)
    return replyReadable((id) => (id === 0 ? new TextDecoder().decode(body) : undefined), true)
      ? null
      : unreadable();
  if (!partHeadersWellFormed(body, contentType)) return unreadable();
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return unreadable();
  }
  return formReadable(form, isFetchAction) ? null : unreadable();
}
