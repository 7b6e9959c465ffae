import "server-only";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";
import { AppError, notFound } from "@/lib/errors";
import { textProblem } from "@/lib/schemas/text";
import { toAppError } from "./handle-error";
import { errorResponse } from "./route";

// next-auth's catch-all route, with the requests our pages make let through and everything else
// answered here: next-auth answers an unknown endpoint, a GET to the credentials callback or a
// callback URL it cannot parse with a 500, and throws on a body that is not what it expects or a
// control character it copies into a redirect. Our pages (next-auth/react) post small
// URL-encoded forms, and JSON only to update the session.

type Context = { params: Promise<{ nextauth?: string[] }> };
type Provider = { id: string; type: string };

const MAX_BODY_BYTES = 64 * 1024;

/** Whether next-auth serves `segments` for `method` with these providers (see next-auth's core/index). */
function isServed(
  method: string,
  segments: readonly string[],
  providers: readonly Provider[],
): boolean {
  const [action, providerId, ...rest] = segments;
  if (rest.length > 0) return false;
  const provider = providers.find((candidate) => candidate.id === providerId);
  if (providerId !== undefined && !provider) return false;
  const get = method === "GET";
  switch (action) {
    case "csrf":
    case "providers":
    case "error":
      return get && !provider;
    case "session":
    case "signout":
      return !provider;
    case "_log":
      return !get && !provider;
    case "signin":
      return provider ? !get && provider.type !== "credentials" : get;
    case "callback":
      return provider !== undefined && (!get || provider.type !== "credentials");
    default:
      return false;
  }
}

const invalid = (message: string, field = "form") =>
  new AppError("VALIDATION", message, { [field]: [message] });

/** A callback URL next-auth can parse: a path on this site, or an http(s) URL (next-auth keeps it to this site). */
function assertCallbackUrl(value: unknown): void {
  if (value === undefined || value === null) return;
  const text = String(value);
  if (text.startsWith("/") && !text.startsWith("//") && !text.startsWith("/\\")) return;
  if (URL.canParse(text) && ["http:", "https:"].includes(new URL(text).protocol)) return;
  throw invalid("Not a valid callback URL.", "callbackUrl");
}

async function readText(request: NextRequest): Promise<string> {
  if (Number(request.headers.get("content-length")) > MAX_BODY_BYTES)
    throw new AppError("TOO_LARGE");
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
    size += next.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader?.cancel();
      throw new AppError("TOO_LARGE");
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The POST body, checked, as next-auth will read it again. */
async function checkedBody(request: NextRequest, action: string | undefined): Promise<string> {
  const text = await readText(request);
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded" || (text === "" && !type)) {
    assertCallbackUrl(new URLSearchParams(text).get("callbackUrl"));
    return text;
  }
  if (type === "application/json" && action === "session") {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw invalid("The request body is not valid JSON.");
    }
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw invalid("Send the session update as a JSON object.");
    return text;
  }
  throw invalid("Send the form URL-encoded.");
}

export async function nextAuthRoute(request: NextRequest, context: Context): Promise<Response> {
  try {
    const segments = (await context.params).nextauth ?? [];
    const options = getAuthOptions();
    if (!isServed(request.method, segments, options.providers as readonly Provider[]))
      throw notFound();
    const url = new URL(request.url);
    for (const [name, value] of url.searchParams) {
      const problem = textProblem(name) ?? textProblem(value);
      if (problem) throw invalid(problem);
    }
    assertCallbackUrl(url.searchParams.get("callbackUrl"));
    let forwarded = request;
    if (request.method === "POST") {
      const headers = new Headers(request.headers);
      headers.delete("content-length");
      forwarded = new NextRequest(request.url, {
        method: "POST",
        headers,
        body: await checkedBody(request, segments[0]),
      });
    }
    // next-auth v4 reads params synchronously; Next 16 hands them over as a promise.
    return (await NextAuth(forwarded, { params: { nextauth: segments } }, options)) as Response;
  } catch (error) {
    return errorResponse(toAppError(error));
  }
}
