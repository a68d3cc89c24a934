// Errors the domain raises on purpose. Services throw these; the tRPC layer maps each code to
// its HTTP-facing equivalent in one place (server/api/trpc.ts). Anything else that escapes a
// service is a bug: it is reported and answered with a generic message.
export const APP_ERROR_CODES = [
  "NOT_FOUND",
  "FORBIDDEN",
  "CONFLICT",
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "RATE_LIMITED",
  "UNPROCESSABLE",
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
