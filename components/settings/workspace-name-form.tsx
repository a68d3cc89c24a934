"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";
import { updateWorkspaceInput } from "@/server/services/workspaces/schema";

export function WorkspaceNameForm() {
  const workspace = useWorkspace();
  const canEdit = useCan("workspace.update");
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const [clientError, setClientError] = useState<string | undefined>();
  const update = useMutation(
    trpc.workspace.update.mutationOptions({
      onSuccess: () => {
        toast("Workspace name saved");
        // The sidebar and switcher are rendered by the server layout.
        router.refresh();
      },
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = updateWorkspaceInput.safeParse({ name: new FormData(event.currentTarget).get("name") });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message);
      return;
    }
    setClientError(undefined);
    update.mutate({ workspaceSlug: workspace.slug, ...parsed.data });
  };

  const serverFieldError = fieldErrorsOf(update.error).name;
  const formError = update.error && !serverFieldError ? errorMessageOf(update.error) : null;

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate data-testid="workspace-general-form">
        <CardHeader>
          <CardTitle>Workspace</CardTitle>
          <CardDescription>
            {canEdit ? "The name everyone in this workspace sees." : "Only admins and owners can change these settings."}
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <Field label="Name" error={clientError ?? serverFieldError}>
            <Input name="name" defaultValue={workspace.name} readOnly={!canEdit} data-testid="workspace-name-input" />
          </Field>
          <Field label="URL" hint="The address is fixed when the workspace is created.">
            <Input value={`/w/${workspace.slug}`} readOnly className="font-mono text-muted-foreground" />
          </Field>
          {formError && <Alert variant="error">{formError}</Alert>}
        </CardContent>
        {canEdit && (
          <CardFooter>
            <Button type="submit" loading={update.isPending} data-testid="workspace-name-save">
              Save
            </Button>
          </CardFooter>
        )}
      </form>
    </Card>
  );
}
