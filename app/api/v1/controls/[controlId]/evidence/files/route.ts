import { apiRoute } from "@/lib/server/api-route";
import { fileEvidenceHandler } from "@/lib/server/api/evidence-handlers";

/**
 * POST /api/v1/controls/{controlId}/evidence/files: a file as evidence, multipart or the raw
 * body with X-Evidence-… headers, streamed to storage (Idempotency-Key honoured).
 */
export const POST = apiRoute<{ controlId: string }>(fileEvidenceHandler);
