import { apiRoute } from "@/lib/server/api-route";
import { jsonEvidenceHandler } from "@/lib/server/api/evidence-handlers";

/** POST /api/v1/controls/{controlId}/evidence/notes: a note as evidence (Idempotency-Key honoured). */
export const POST = apiRoute<{ controlId: string }>(jsonEvidenceHandler("note"));
