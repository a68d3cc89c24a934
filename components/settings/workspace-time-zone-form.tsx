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
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";
import { TIME_ZONES, updateWorkspaceTimeZoneInput } from "@/server/services/workspaces/schema";

export function WorkspaceTimeZoneForm({ timeZone }: { timeZone: string }) {
  const workspace = useWorkspace();
  const canEdit = useCan("workspace.update");
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const [clientError, setClientError] = useState<string | undefined>();
  const update = useMutation(
    trpc.workspace.updateTimeZone.mutationOptions({
      onSuccess: ({ timeZone: saved }) => {
        toast(`Time zone set to ${saved}`);
        router.refresh();
      },
    }),
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = updateWorkspaceTimeZoneInput.safeParse({ timeZone: new FormData(event.currentTarget).get("timeZone") });
    if (!parsed.success) {
      setClientError(parsed.error.issues[0]?.message);
      return;
    }
    setClientError(undefined);
    update.mutate({ workspaceSlug: workspace.slug, ...parsed.data });
  };

  const serverFieldError = fieldErrorsOf(update.error).timeZone;
  const formError = update.error && !serverFieldError ? errorMessageOf(update.error) : null;
  // A zone saved by an older runtime that this one no longer lists still shows as chosen.
  const zones = TIME_ZONES.includes(timeZone) ? TIME_ZONES : [timeZone, ...TIME_ZONES];

  return (
    <Card>
      <form onSubmit={onSubmit} noValidate data-testid="workspace-time-zone-form">
        <CardHeader>
          <CardTitle>Time zone</CardTitle>
          <CardDescription>
            Every time in this workspace is shown in it, and a sale counts on its day there in the overview. Until someone chooses one, the
            first store connected sets its own. Changing it recounts every day, which can take a moment on a large workspace.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Field label="Time zone" error={clientError ?? serverFieldError}>
            <Select name="timeZone" defaultValue={timeZone} disabled={!canEdit} data-testid="workspace-time-zone-select">
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </Select>
          </Field>
          {formError && (
            <Alert variant="error" className="mt-4">
              {formError}
            </Alert>
          )}
        </CardContent>
        {canEdit && (
          <CardFooter>
            <Button type="submit" loading={update.isPending} data-testid="workspace-time-zone-save">
              Save time zone
            </Button>
          </CardFooter>
        )}
      </form>
    </Card>
  );
}
