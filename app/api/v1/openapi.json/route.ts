import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/server/api/document";

/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 document. Public: it describes, holds no data. */
export function GET(): NextResponse {
  return NextResponse.json(openApiDocument());
}
