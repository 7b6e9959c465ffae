import "server-only";
import { cache } from "react";
import { resolveSession, type LiveSession } from "@/lib/db/sessions";

/**
 * The live session a token names, read once per request: next-auth's jwt callback (which turns a
 * dead session into "signed out" for next-auth's own endpoints too) and getCurrentSession share it.
 */
export const liveSession = cache((userId: string, sessionId: string): Promise<LiveSession | null> =>
  resolveSession(userId, sessionId, new Date()),
);
