import type { ZodType } from "zod";

/** The first message per field, keyed by the field's name (a form-level issue under ""). */
export type InputErrors = Record<string, string>;

/**
 * Checks `input` with the schema the server checks it with (the service's schema.ts), so a form
 * or filter bar marks the field and sends nothing the server would refuse. Null when it passes.
 */
export function inputErrors(schema: ZodType, input: unknown): InputErrors | null {
  const parsed = schema.safeParse(input);
  if (parsed.success) return null;
  const errors: InputErrors = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
  return errors;
}
