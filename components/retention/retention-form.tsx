"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/workspace/workspace-context";
import {
  RETENTION_BOUNDS,
  RETENTION_FIELDS,
  retentionWindows,
  type RetentionField,
  type RetentionWindows,
} from "@/server/services/retention/schema";
import { FIELD_LABELS } from "./retention-labels";

type Draft = Record<RetentionField, string>;

function draftOf(windows: RetentionWindows): Draft {
  return Object.fromEntries(RETENTION_FIELDS.map((field) => [field, String(windows[field])])) as Draft;
}

// An empty box is "no number", not 0, so it gets the "Enter a number" message.
function parseDraft(draft: Draft) {
  return retentionWindows.safeParse(
    Object.fromEntries(RETENTION_FIELDS.map((field) => [field, draft[field].trim() === "" ? Number.NaN : Number(draft[field])])),
  );
}

export function RetentionForm({ saved, isDefault }: { saved: RetentionWindows; isDefault: boolean }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [clientErrors, setClientErrors] = useState<Partial<Record<RetentionField, string>>>({});

  const update = useMutation(
    trpc.retention.update.mutationOptions({
      onSuccess: (policy) => {
        toast("Retention settings saved");
        queryClient.setQueryData(trpc.retention.get.queryKey({ workspaceSlug: slug }), policy);
        void queryClient.invalidateQueries({ queryKey: trpc.retention.preview.queryKey({ workspaceSlug: slug }) });
      },
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseDraft(draft);
    if (!parsed.success) {
      const errors: Partial<Record<RetentionField, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as RetentionField;
        errors[field] ??= issue.message;
      }
      setClientErrors(errors);
      return;
    }
    setClientErrors({});
    update.mutate({ workspaceSlug: slug, ...parsed.data });
  };

  const serverErrors = fieldErrorsOf(update.error);
  const hasServerFieldError = RETENTION_FIELDS.some((field) => serverErrors[field]);
  const formError = update.error && !hasServerFieldError ? errorMessageOf(update.error) : null;

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate data-testid="retention-form">
        <CardHeader>
          <CardTitle>Retention windows</CardTitle>
          <CardDescription>
            How many days each kind of data is kept. Older data is removed by the daily run at 03:00 UTC.
            {isDefault && " These are the defaults; nothing has been saved yet."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4 sm:grid-cols-2">
          {RETENTION_FIELDS.map((field) => {
            const { min, max } = RETENTION_BOUNDS[field];
            return (
              <Field
                key={field}
                label={`${FIELD_LABELS[field].label} (days)`}
                hint={`${FIELD_LABELS[field].hint} ${min}–${max} days.`}
                error={clientErrors[field] ?? serverErrors[field]}
              >
                <Input
                  type="number"
                  inputMode="numeric"
                  name={field}
                  min={min}
                  max={max}
                  step={1}
                  value={draft[field]}
                  onChange={(event) => setDraft((current) => ({ ...current, [field]: event.target.value }))}
                  data-testid={`retention-input-${field}`}
                />
              </Field>
            );
          })}
          {formError && (
            <Alert variant="error" className="sm:col-span-2">
              {formError}
            </Alert>
          )}
        </CardContent>
        <CardFooter>
          <Button type="submit" loading={update.isPending} data-testid="retention-save">
            Save
          </Button>
        </CardFooter>
      </form>
    </Card>
  );
}
