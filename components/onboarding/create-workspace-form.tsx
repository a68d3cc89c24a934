"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createWorkspaceInput } from "@/server/services/workspaces/schema";

export function CreateWorkspaceForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [clientError, setClientError] = useState<string | undefined>();
  const create = useMutation(
    trpc.workspace.create.mutationOptions({
      onSuccess: (workspace) => router.push(`/w/${workspace.slug}`),
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = createWorkspaceInput.safeParse({ name: new FormData(event.currentTarget).get("name") });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message);
      return;
    }
    setClientError(undefined);
    create.mutate(parsed.data);
  };

  const nameError = clientError ?? fieldErrorsOf(create.error).name;
  const formError = create.error && !fieldErrorsOf(create.error).name ? errorMessageOf(create.error) : null;

  if (create.data) {
    return (
      <Alert variant="success" title="Workspace created" data-testid="workspace-created">
        Its address is <span className="font-mono">/w/{create.data.slug}</span>. Opening it…
      </Alert>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-4" data-testid="create-workspace-form">
      <Field label="Workspace name" hint="Usually your company or store name. You can change it later." error={nameError}>
        <Input name="name" autoComplete="organization" placeholder="Acme Supplies" autoFocus data-testid="workspace-name-input" />
      </Field>
      {formError && <Alert variant="error">{formError}</Alert>}
      <Button type="submit" loading={create.isPending} data-testid="create-workspace-submit">
        Create workspace
      </Button>
    </form>
  );
}
