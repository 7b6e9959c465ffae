// What the web process and the export process say to each other over the IPC channel.

/** Web → export process: produce the export of this run, as this member of this organisation. */
export type ExportRequest = { type: "export"; runId: string; userId: string; orgSlug: string };

/** Export process → web: the run has ended (done or failed: the run's row says which). */
export type ExportFinished = { type: "finished"; runId: string; peakRssMb: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

const isText = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length <= 200;

export function isExportRequest(message: unknown): message is ExportRequest {
  return isRecord(message) && message.type === "export" && isText(message.runId) && isText(message.userId) && isText(message.orgSlug);
}

export function isExportFinished(message: unknown): message is ExportFinished {
  return isRecord(message) && message.type === "finished" && isText(message.runId) && typeof message.peakRssMb === "number";
}
