import { describe, expect, it } from "vitest";
import {
  AppError,
  ERROR_CODES,
  HTTP_STATUS,
  forbidden,
  notFound,
  type ErrorCode,
} from "@/lib/errors";

const EXPECTED_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 400,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

describe("HTTP_STATUS", () => {
  it("has exactly the closed set of codes", () => {
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(EXPECTED_STATUS).sort());
    expect(Object.keys(HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(ERROR_CODES)("maps %s to its status", (code) => {
    expect(HTTP_STATUS[code]).toBe(EXPECTED_STATUS[code]);
  });
});

describe("AppError", () => {
  it.each(ERROR_CODES)("carries the code %s and a readable default message", (code) => {
    const error = new AppError(code);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AppError);
    expect(error.name).toBe("AppError");
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^[A-Z].*\.$/);
    expect(error.fieldErrors).toBeUndefined();
  });

  it("gives every code its own default message", () => {
    const messages = ERROR_CODES.map((code) => new AppError(code).message);
    expect(new Set(messages).size).toBe(ERROR_CODES.length);
  });

  it("never echoes internals in the default INTERNAL message", () => {
    expect(new AppError("INTERNAL").message).toBe("Something went wrong. Please try again.");
  });

  it("uses a given message instead of the default", () => {
    const error = new AppError("CONFLICT", "That address is taken.");
    expect(error.message).toBe("That address is taken.");
    expect(error.code).toBe("CONFLICT");
  });

  it("carries field errors", () => {
    const fieldErrors = {
      email: ["Enter a valid email address."],
      password: ["Use at least 12 characters."],
    };
    const error = new AppError("VALIDATION", undefined, fieldErrors);
    expect(error.fieldErrors).toEqual(fieldErrors);
    expect(error.message).toBe("Please correct the highlighted fields.");
  });
});

describe("notFound and forbidden", () => {
  it("notFound is a NOT_FOUND AppError with the generic message", () => {
    const error = notFound();
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("Not found.");
  });

  it("forbidden is a FORBIDDEN AppError with an optional message", () => {
    expect(forbidden().code).toBe("FORBIDDEN");
    expect(forbidden().message).toBe("You do not have permission to do that.");
    expect(forbidden("Only owners can do that.").message).toBe("Only owners can do that.");
  });
});
