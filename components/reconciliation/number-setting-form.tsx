"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Save<F extends string> = { mutate: (value: Record<F, number>) => void; isPending: boolean; error: unknown };

// One number setting of the reconciliation settings: checked with the same zod schema the API
// uses (so the messages match), saved by the caller's mutation, whose field errors show under it.
export function NumberSettingForm<F extends string>({ field, schema, saved, label, hint, step, save, testId, children }: {
  field: F;
  schema: z.ZodType<Record<F, number>>;
  saved: number;
  label: ReactNode;
  hint: ReactNode;
  step: string;
  save: Save<F>;
  testId: string;
  children?: ReactNode;
}) {
  const [draft, setDraft] = useState(String(saved));
  const [clientError, setClientError] = useState<string | undefined>();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // An empty box is "no number", not 0, so it gets the schema's "Enter …" message.
    const parsed = schema.safeParse({ [field]: draft.trim() === "" ? Number.NaN : Number(draft) });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message);
      return;
    }
    setClientError(undefined);
    save.mutate(parsed.data);
  };
  const serverError = fieldErrorsOf(save.error)[field];
  const formError = save.error && !serverError ? errorMessageOf(save.error) : null;
  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-3" data-testid={testId}>
      {children}
      <div className="flex flex-wrap items-end gap-3">
        <Field label={label} hint={hint} error={clientError ?? serverError} className="w-56">
          <Input type="number" inputMode="decimal" name={field} step={step} value={draft} onChange={(event) => setDraft(event.target.value)} data-testid={`${testId}-input`} />
        </Field>
        <Button type="submit" loading={save.isPending} data-testid={`${testId}-save`} className="mb-[1.375rem]">
          Save
        </Button>
      </div>
      {formError && <Alert variant="error">{formError}</Alert>}
    </form>
  );
}
