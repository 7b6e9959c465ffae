"use client";

export type UploadResult =
  { ok: true; id: string; sha256: string } | { ok: false; message: string };

/** SHA-256 of a file in the browser, to recognise a file that is already evidence. */
export async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Streams one file to the upload route, reporting progress (fetch cannot report upload progress). */
export function uploadFile(
  url: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<UploadResult> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      try {
        const body = JSON.parse(request.responseText) as {
          data?: { id: string; sha256: string };
          error?: { message: string; fieldErrors?: Record<string, string[]> };
        };
        if (request.status === 201 && body.data) return resolve({ ok: true, ...body.data });
        const details = body.error?.fieldErrors
          ? Object.values(body.error.fieldErrors).flat().join(" ")
          : "";
        resolve({
          ok: false,
          message: details || body.error?.message || `Upload failed (${request.status}).`,
        });
      } catch {
        resolve({ ok: false, message: `Upload failed (${request.status}).` });
      }
    };
    request.onerror = () =>
      resolve({
        ok: false,
        message: "The connection failed during the upload. Nothing was saved; try again.",
      });
    request.send(file);
  });
}
