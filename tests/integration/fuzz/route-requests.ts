import { crc32 } from "node:zlib";
import fc from "fast-check";
import { NextRequest } from "next/server";
import type { Endpoint } from "./registry";
import { formFields, paramValues, sentText, type FieldValue } from "./values";
import type { World } from "./world";

// Requests for a route handler, as a client that does not play by the rules sends them: bad
// route parameters (NUL, huge, path tricks, org B's ids), bad query strings, bodies of the wrong
// type, broken multipart, invalid and deeply nested JSON, a huge declared Content-Length,
// cross-origin writes.

export const ORIGIN = "http://assay.test";

type RouteEndpoint = Extract<Endpoint, { kind: "route" }>;
type Body = { body?: BodyInit; type?: string; text: string };

export type RouteCase = {
  params: Record<string, string | string[]>;
  url: string;
  request: () => NextRequest;
  sent: string;
};

const repeat = (text: string, times: number): string => text.repeat(times);

const PARAM_TRICKS = [
  "\u0000",
  "%00",
  "",
  " ",
  repeat("x", 10_000),
  "../../../etc/passwd",
  "..%2F..%2Fetc",
  "a/b",
  ".",
  "..",
  "😀",
  "\ud800",
  "CON",
  "%",
];

/** Catch-all segments: what the pages ask for, now and then something else. */
function catchAllValue(endpoint: RouteEndpoint): fc.Arbitrary<string[]> {
  const known = endpoint.hint.catchAll ?? [];
  const tricky = fc.constantFrom<string[]>(
    [],
    ["\u0000"],
    ["signin", "../../x"],
    Array.from({ length: 50 }, () => "a"),
    [repeat("x", 5000)],
  );
  return known.length
    ? fc.oneof(
        { arbitrary: fc.constantFrom(...known), weight: 5 },
        { arbitrary: tricky, weight: 1 },
      )
    : tricky;
}

function routeParams(
  endpoint: RouteEndpoint,
  world: World,
): fc.Arbitrary<Record<string, string | string[]>> {
  const single = endpoint.segments
    .filter((segment) => !segment.catchAll)
    .map((segment) => segment.name);
  const catchAll = endpoint.segments
    .filter((segment) => segment.catchAll)
    .map((segment) => segment.name);
  return fc
    .tuple(
      paramValues(single, world, PARAM_TRICKS),
      fc.tuple(...catchAll.map(() => catchAllValue(endpoint))),
    )
    .map(([values, lists]) => ({
      ...values,
      ...Object.fromEntries(catchAll.map((name, index) => [name, lists[index] ?? []])),
    }));
}

/** A tiny ZIP with one stored entry, its CRC and sizes as given (they may lie). */
function zipOf(name: string, content: Buffer, lie: { size?: number; crc?: number } = {}): Buffer {
  const file = Buffer.from(name);
  const crc = lie.crc ?? crc32(content);
  const size = lie.size ?? content.length;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(content.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(content.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(file.length, 28);
  const body = Buffer.concat([local, file, content]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, central, file, end]);
}

const ZIPS: Buffer[] = [
  zipOf("manifest.json", Buffer.from('{"files":[]}')),
  zipOf("manifest.json", Buffer.from(repeat("[", 100_000))),
  zipOf("../../evil.txt", Buffer.from("x")),
  zipOf("manifest.json", Buffer.from("{}"), { size: 0xffffffff }),
  zipOf("a.txt", Buffer.from("hello"), { crc: 1 }),
  Buffer.from("PK\u0005\u0006" + "\u0000".repeat(18), "latin1"),
  Buffer.from("PK\u0003\u0004 truncated", "latin1"),
];

/** A real pack, cut short, with a byte flipped in the middle, and with its end record cut off. */
function packVariants(pack: Uint8Array | undefined): Buffer[] {
  if (!pack) return [];
  const flipped = Buffer.from(pack);
  const middle = Math.floor(flipped.length / 2);
  flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
  return [
    Buffer.from(pack),
    Buffer.from(pack.subarray(0, middle)),
    flipped,
    Buffer.from(pack.subarray(0, pack.length - 10)),
  ];
}

const BOUNDARY = "----fuzzboundary";

function toObject(entries: [string, FieldValue][]): Record<string, unknown> {
  const strings = (value: FieldValue) =>
    Array.isArray(value)
      ? value.filter((item) => typeof item === "string")
      : typeof value === "string"
        ? value
        : null;
  return Object.fromEntries(entries.map(([name, value]) => [name, strings(value)]));
}

function formData(entries: [string, FieldValue][]): FormData {
  const form = new FormData();
  for (const [name, value] of entries) for (const item of [value].flat()) form.append(name, item);
  return form;
}

function bodies(endpoint: RouteEndpoint, world: World): fc.Arbitrary<Body> {
  const fields = formFields(endpoint.hint.body ?? {}, world);
  const raw: Body[] = [
    { text: "" },
    { body: "{", type: "application/json", text: "{" },
    { body: '{"kind":', type: "application/json", text: "" },
    { body: "\u0000", type: "application/json", text: "" },
    { body: repeat("[", 100_000), type: "application/json", text: "" },
    { body: repeat('{"a":', 20_000), type: "application/json", text: "" },
    {
      body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      type: "application/json",
      text: "",
    },
    {
      body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nassert`,
      type: `multipart/form-data; boundary=${BOUNDARY}`,
      text: "",
    },
    { body: "--x\r\n\r\n--x--", type: "multipart/form-data", text: "" },
    {
      body: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n${repeat("x", 1000)}`,
      type: `multipart/form-data; boundary=${BOUNDARY}`,
      text: "",
    },
    { body: "a=%zz&b=%00&&==&", type: "application/x-www-form-urlencoded", text: "" },
    { body: "<x>&xxe;</x>", type: "application/xml", text: "" },
    { body: new Uint8Array(0), type: "application/pdf", text: "" },
  ];
  return fc.oneof(
    {
      arbitrary: fields.map((entries): Body => ({
        body: JSON.stringify(toObject(entries)),
        type: "application/json",
        text: sentText(entries),
      })),
      weight: 4,
    },
    {
      arbitrary: fields.map((entries): Body => ({
        body: new URLSearchParams(
          Object.entries(toObject(entries)).flatMap(([name, value]) =>
            [value ?? []].flat().map((item) => [name, String(item)]),
          ),
        ).toString(),
        type: "application/x-www-form-urlencoded",
        text: sentText(entries),
      })),
      weight: 2,
    },
    {
      arbitrary: fields.map((entries): Body => ({
        body: formData(entries),
        text: sentText(entries),
      })),
      weight: 1,
    },
    { arbitrary: fc.constantFrom(...raw), weight: 3 },
    {
      arbitrary: fc
        .uint8Array({ minLength: 1, maxLength: 4096 })
        .map((bytes): Body => ({ body: bytes, type: "application/octet-stream", text: "" })),
      weight: endpoint.hint.raw ? 3 : 1,
    },
    {
      arbitrary: fc
        .constantFrom(...ZIPS, ...packVariants(world.samplePack))
        .map((zip): Body => ({ body: new Uint8Array(zip), type: "application/zip", text: "" })),
      weight: endpoint.hint.raw === "zip" ? 4 : 1,
    },
  );
}

const RAW_QUERIES = [
  "%",
  "%zz=1",
  "a=%00",
  "&&&==&",
  `x=${repeat("y", 20_000)}`,
  "q=%00&owner=%00&page=-1",
  "__proto__[polluted]=1",
  "inline=1&inline=0",
  "callbackUrl=https%3A%2F%2Fevil.example",
];

function query(endpoint: RouteEndpoint, world: World): fc.Arbitrary<string> {
  const fromFields = formFields(endpoint.hint.query ?? {}, world).map((entries) => {
    const search = new URLSearchParams();
    for (const [name, value] of entries)
      for (const item of [value].flat())
        search.append(name, typeof item === "string" ? item : "file");
    return search.toString();
  });
  return fc.oneof(
    { arbitrary: fromFields, weight: endpoint.hint.query ? 4 : 1 },
    { arbitrary: fc.constantFrom("", ...RAW_QUERIES), weight: 2 },
  );
}

const CONTENT_LENGTHS = [
  null,
  null,
  null,
  "1099511627776",
  "-1",
  "abc",
  "0",
  "99999999999999999999",
];
const ORIGINS = [null, null, null, null, ORIGIN, ORIGIN, "https://evil.example", "null"];

export function routeCases(endpoint: RouteEndpoint, world: World): fc.Arbitrary<RouteCase> {
  const params = routeParams(endpoint, world);
  const hasBody = !["GET", "HEAD"].includes(endpoint.method);
  return fc
    .record({
      params,
      search: query(endpoint, world),
      body: hasBody ? bodies(endpoint, world) : fc.constant<Body>({ text: "" }),
      length: fc.constantFrom(...CONTENT_LENGTHS),
      origin: fc.constantFrom(...ORIGINS),
    })
    .map(({ params, search, body, length, origin }) => {
      const path = endpoint.pattern.replace(
        /\[\[?(\.\.\.)?([^\]]+)\]\]?/g,
        (_match, _dots, name: string) => [params[name] ?? ""].flat().map(encodeSegment).join("/"),
      );
      const url = `${ORIGIN}${path}${search ? `?${search}` : ""}`;
      const headers: Record<string, string> = {};
      if (body.type) headers["content-type"] = body.type;
      if (length) headers["content-length"] = length;
      if (origin) headers.origin = origin;
      const request = () =>
        new NextRequest(url, { method: endpoint.method, headers, body: body.body, duplex: "half" });
      return {
        params,
        url,
        request,
        sent: [url, decodeURIComponentSafe(url), JSON.stringify(params), body.text].join("\n"),
      };
    });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A segment as a browser would put it in the URL (a lone surrogate cannot be encoded: U+FFFD). */
const encodeSegment = (segment: string): string =>
  encodeURIComponent(segment.replace(LONE_SURROGATE, "\ufffd"));

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
