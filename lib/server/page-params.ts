import "server-only";
import { notFound } from "next/navigation";
import { IdParam, textProblem } from "@/lib/schemas/text";

// Pages cannot answer 400, so a URL no page of ours produces renders the 404 page: never a
// query with a NUL byte (PostgreSQL refuses it in text, a 500), never a lookup by such an id.

/** A page's `[…Id]` segment: a record id, or the 404 page. */
export function pageId(value: string): string {
  const parsed = IdParam.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** A page's text segment (a requirement such as "soc2-2017:CC6.1"), percent-decoded; else the 404 page. */
export function pageText(value: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    notFound();
  }
  if (decoded.length > 200 || textProblem(decoded) !== null) notFound();
  return decoded;
}

type SearchParams = Record<string, string | string[] | undefined>;

/** A page's query: every name and value must be clean single-line text, else the 404 page. */
export async function pageQuery<T extends SearchParams>(searchParams: Promise<T>): Promise<T> {
  const query = await searchParams;
  for (const [name, value] of Object.entries(query)) {
    for (const text of [name, ...[value ?? []].flat()]) if (textProblem(text) !== null) notFound();
  }
  return query;
}
