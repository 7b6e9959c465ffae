// What the web process says over the IPC channel to the export process and to its job processes.
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { JOB_KINDS, type Job, type JobKind, type JobOutput } from "./jobs";

/** Web → export process: produce the export of this run, as this member of this organisation. */
export type ExportRequest = { type: "export"; runId: string; userId: string; orgSlug: string };

/** Export process → web: the run has ended (done or failed: the run's row says which). */
export type ExportFinished = { type: "finished"; runId: string; peakRssMb: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

const isText = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= 200;

export function isExportRequest(message: unknown): message is ExportRequest {
  return (
    isRecord(message) &&
    message.type === "export" &&
    isText(message.runId) &&
    isText(message.userId) &&
    isText(message.orgSlug)
  );
}

export function isExportFinished(message: unknown): message is ExportFinished {
  return (
    isRecord(message) &&
    message.type === "finished" &&
    isText(message.runId) &&
    typeof message.peakRssMb === "number"
  );
}

/** Web → job process: do this job (one at a time; `id` names it in the reply). */
export type JobRequest = { type: "job"; id: number } & Job;

/** Job process → web: loaded and waiting for jobs; a job done; a job refused or failed. */
export type JobReply =
  | { type: "ready" }
  | { type: "done"; id: number; output: JobOutput[JobKind] }
  | { type: "failed"; id: number; code: ErrorCode; message: string };

const isId = (value: unknown): value is number => Number.isSafeInteger(value);

export function isJobRequest(message: unknown): message is JobRequest {
  return (
    isRecord(message) &&
    message.type === "job" &&
    isId(message.id) &&
    JOB_KINDS.includes(message.kind as JobKind) &&
    isRecord(message.input)
  );
}

export function isJobReply(message: unknown): message is JobReply {
  if (!isRecord(message)) return false;
  if (message.type === "ready") return true;
  if (message.type === "done") return isId(message.id) && "output" in message;
  return (
    message.type === "failed" &&
    isId(message.id) &&
    ERROR_CODES.includes(message.code as ErrorCode) &&
    typeof message.message === "string"
  );
}
