import { FileEvidenceInput } from "./evidence";

/** Upload metadata travels in the query string (the body is the raw file): repeated keys become lists. */
export function uploadMetadata(url: URL): unknown {
  const params = url.searchParams;
  return {
    controlIds: params.getAll("controlIds"),
    purpose: params.get("purpose") ?? undefined,
    title: params.get("title") ?? undefined,
    effectiveDate: params.get("effectiveDate") ?? undefined,
    coverageEnd: params.get("coverageEnd") ?? undefined,
    eventId: params.get("eventId") ?? undefined,
    slotKey: params.get("slotKey") ?? undefined,
  };
}

export const UploadMetadata = FileEvidenceInput;

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** The declared type of the upload, kept only when it looks like a MIME type. */
export function declaredContentType(header: string | null): string {
  const type = header?.split(";")[0]?.trim().toLowerCase() ?? "";
  return MIME.test(type) ? type : "application/octet-stream";
}
