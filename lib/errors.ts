// The one error contract. Data-access functions and actions throw AppError with a closed set
// of codes; route handlers and server actions turn it into a status or an action result once.

export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "NOT_FOUND",
  "FORBIDDEN",
  "CONFLICT",
  "VALIDATION",
  "TOO_LARGE",
  "RATE_LIMITED",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 400,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

const DEFAULT_MESSAGE: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "Please sign in to continue.",
  NOT_FOUND: "Not found.",
  FORBIDDEN: "You do not have permission to do that.",
  CONFLICT: "That conflicts with existing data.",
  VALIDATION: "Please correct the highlighted fields.",
  TOO_LARGE: "That is too large.",
  RATE_LIMITED: "Too many attempts. Please wait and try again.",
  INTERNAL: "Something went wrong. Please try again.",
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** For RATE_LIMITED: when to try again (routes send it as Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message?: string,
    fieldErrors?: FieldErrors,
    options: { retryAfterSeconds?: number } = {},
  ) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const notFound = (): AppError => new AppError("NOT_FOUND");
export const forbidden = (message?: string): AppError => new AppError("FORBIDDEN", message);
