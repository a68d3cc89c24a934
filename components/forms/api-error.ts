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

// Our schemas' messages are sentences that say what they check ("“To” must not be before “From”.");
// zod's own ("Too big: expected …") name no field, so the field is put in front of them.
function firstFieldMessage(fieldErrors: FlattenedZodError["fieldErrors"]): string | undefined {
  const [field, message] = Object.entries(fieldErrors).flatMap(([name, messages]) => (messages?.[0] ? [[name, messages[0]] as const] : []))[0] ?? [];
  if (!field || !message) return undefined;
  return message.endsWith(".") ? message : `${field}: ${message}`;
}

export function errorCodeOf(error: unknown): string | undefined {
  const code = asErrorLike(error)?.data?.code;
  return typeof code === "string" ? code : undefined;
}

// One sentence for an alert: the server's message; for a validation failure, what was wrong. Forms
// show field messages under their inputs and call this only when no shown field has one, so it never
// points at "highlighted fields": it names the first failing field (a form-level message first).
export function errorMessageOf(error: unknown, fallback = "Something went wrong. Please try again."): string {
  if (error instanceof TRPCClientError && !error.data) {
    return "Could not reach the server. Check your connection and try again.";
  }
  const e = asErrorLike(error);
  const zodError = e?.data?.zodError;
  if (zodError) return zodError.formErrors[0] ?? firstFieldMessage(zodError.fieldErrors) ?? fallback;
  return typeof e?.message === "string" && e.message ? e.message : fallback;
}
