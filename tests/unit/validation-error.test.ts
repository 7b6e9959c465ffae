import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validationError } from "@/lib/server/handle-error";

// Field names come from the request: a body with a "constructor" key that the schema refuses
// must answer VALIDATION on that field, not crash on Object.prototype (found by the fuzz suite).
describe("validationError", () => {
  it("reports fields named after Object.prototype members like any other field", () => {
    const schema = z.record(z.string(), z.string().min(3, "Too short."));
    const parsed = schema.safeParse(
      JSON.parse('{"constructor":"x","toString":"z","hasOwnProperty":"y","title":"ok!"}'),
    );
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const error = validationError(parsed.error);
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({
      constructor: ["Too short."],
      toString: ["Too short."],
      hasOwnProperty: ["Too short."],
    });
    expect(Object.getPrototypeOf(error.fieldErrors)).toBe(Object.prototype);
  });

  it("collects every message of a field and puts path-less issues under form", () => {
    const schema = z
      .object({ a: z.string().min(3, "Short.").regex(/^\d+$/, "Digits.") })
      .refine(() => false, "Whole form.");
    const parsed = schema.safeParse({ a: "x" });
    if (parsed.success) throw new Error("expected a failure");
    expect(validationError(parsed.error).fieldErrors).toEqual({
      a: ["Short.", "Digits."],
      form: ["Whole form."],
    });
  });
});
