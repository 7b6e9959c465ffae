import { describe, expect, it } from "vitest";
import { Admission } from "@/lib/export-process/admission";

// Who may start a job: per member and kind, and per instance.

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error("not refused");
};

describe("job admission", () => {
  it("admits one pack check per member at a time, and two PDFs", () => {
    const admission = new Admission(() => 10);
    const release = admission.admit("ann", "verify-pack");
    expect(refusal(() => admission.admit("ann", "verify-pack"))).toMatchObject({
      code: "RATE_LIMITED",
      message: "You are already checking a pack. Wait for it to finish, then try again.",
      retryAfterSeconds: 30,
    });
    admission.admit("ann", "paperwork-pdf");
    admission.admit("ann", "paperwork-pdf");
    expect(refusal(() => admission.admit("ann", "paperwork-pdf"))).toMatchObject({
      code: "RATE_LIMITED",
      retryAfterSeconds: 10,
    });
    admission.admit("bob", "verify-pack");
    release();
    admission.admit("ann", "verify-pack");
  });

  it("admits no more than the instance's capacity, whoever asks, and a release counts once", () => {
    const admission = new Admission(() => 2);
    const first = admission.admit("ann", "verify-pack");
    admission.admit("bob", "paperwork-pdf");
    expect(refusal(() => admission.admit("cat", "paperwork-pdf"))).toMatchObject({
      code: "RATE_LIMITED",
      message:
        "The server is busy laying out PDFs and checking packs for others. Try again in a minute.",
      retryAfterSeconds: 30,
    });
    first();
    first();
    admission.admit("cat", "paperwork-pdf");
    expect(refusal(() => admission.admit("dan", "verify-pack"))).toMatchObject({
      code: "RATE_LIMITED",
    });
  });
});
