import { TRPCClientError } from "@trpc/client";

// Reads the error shape our tRPC server sends (server/api/trpc.ts errorFormatter): validation
// failures carry zod's flattened `fieldErrors`, everything else a message fit for people.

type FlattenedZodError = { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> };

type ErrorLike = { message?: unknown; data?: { code?: unknown; zodError?: FlattenedZodError | null } | null };

function asErrorLike(error: unknown): ErrorLike | null {
  return typeof error === "object" && error !== null ? (error as ErrorLike) : null;
}

/** First message per field, for showing under each input. */
export function fieldErrorsOf(error: unknown): Record<string, string | undefined> {
  const fieldErrors = asErrorLike(error)?.data?.zodError?.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(fieldErrors).map(([field, messages]) => [field, messages?.[0]]));
}

export function errorCodeOf(error: unknown): string | undefined {
  const code = asErrorLike(error)?.data?.code;
  return typeof code === "string" ? code : undefined;
}

// One sentence for an alert: the server's message, or for validation failures the form-level
// message (field messages belong under their inputs).
export function errorMessageOf(error: unknown, fallback = "Something went wrong. Please try again."): string {
  if (error instanceof TRPCClientError && !error.data) {
    return "Could not reach the server. Check your connection and try again.";
  }
  const e = asErrorLike(error);
  const zodError = e?.data?.zodError;
  if (zodError) return zodError.formErrors[0] ?? "Please fix the highlighted fields.";
  return typeof e?.message === "string" && e.message ? e.message : fallback;
}
