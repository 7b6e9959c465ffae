import "server-only";
import { deleteExpiredIdempotencyKeys } from "@/lib/db/api-idempotency";
import type { JobDefinition } from "./definition";

// Idempotency-Key rows answer retries for a day (IDEMPOTENCY_KEY_TTL_MS), then only take space:
// one run a day for the whole installation removes them.

export const IDEMPOTENCY_KEYS_JOB = "api-idempotency-keys";

/** The UTC hour from which the day's cleanup is due. */
const IDEMPOTENCY_KEYS_HOUR_UTC = 3;

export const idempotencyKeysJob: JobDefinition = {
  name: IDEMPOTENCY_KEYS_JOB,
  leaseMs: 15 * 60_000,
  due: async ({ now }) => {
    if (now.getUTCHours() < IDEMPOTENCY_KEYS_HOUR_UTC) return [];
    return [
      {
        runKey: `api-idempotency-keys:${now.toISOString().slice(0, 10)}`,
        organizationId: null,
        perform: async () => {
          await deleteExpiredIdempotencyKeys(now);
        },
      },
    ];
  },
};
