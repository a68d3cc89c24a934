"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { errorMessageOf, fieldErrorsOf } from "@/components/forms/api-error";
import { JobProgress } from "@/components/jobs/job-progress";
import { liveRefetchInterval } from "@/components/jobs/job-status";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { useToast } from "@/components/ui/toast";
import { useCan, useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { TIME_ZONES, updateWorkspaceTimeZoneInput } from "@/server/services/workspaces/schema";

type WorkspaceTimeZone = inferRouterOutputs<AppRouter>["workspace"]["timeZone"];

const zoneName = (zone: string) => zone.replaceAll("_", " ");

export function WorkspaceTimeZoneForm({ initial }: { initial: WorkspaceTimeZone }) {
  const workspace = useWorkspace();
  const canEdit = useCan("workspace.update");
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const [clientError, setClientError] = useState<string | undefined>();
  // A change runs in the background: followed here until it is done, then the page (whose times
  // are shown in the zone) is rendered again.
  const state = useQuery(
    trpc.workspace.timeZone.queryOptions(
      { workspaceSlug: workspace.slug },
      { initialData: initial, refetchInterval: (query) => liveRefetchInterval(query.state.data?.change ? [query.state.data.change.status] : undefined) },
    ),
  );
  const { timeZone, change } = state.data;
  useEffect(() => {
    if (timeZone !== initial.timeZone) router.refresh();
  }, [timeZone, initial.timeZone, router]);
  const update = useMutation(
    trpc.workspace.updateTimeZone.mutationOptions({
      onSuccess: (answer) => {
        void state.refetch();
        toast(answer.change ? `Counting the overview again in ${zoneName(answer.change.timeZone)}` : `Time zone is ${zoneName(answer.timeZone)}`);
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
    <Card id="time-zone">
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
            <Select name="timeZone" defaultValue={change?.status === "FAILED" ? timeZone : (change?.timeZone ?? timeZone)} disabled={!canEdit} data-testid="workspace-time-zone-select">
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zoneName(zone)}
                </option>
              ))}
            </Select>
          </Field>
          {change && change.status !== "FAILED" && (
            <div className="mt-4 grid gap-2" role="status" data-testid="workspace-time-zone-change">
              <p className="text-sm">
                Changing to {zoneName(change.timeZone)}: every day of the overview is being counted again. Until it is done, the overview shows its
                figures in {zoneName(timeZone)}.
              </p>
              <JobProgress done={change.progressDone} total={change.progressTotal} />
            </div>
          )}
          {change?.status === "FAILED" && (
            <Alert variant="error" className="mt-4" data-testid="workspace-time-zone-change-failed">
              The change to {zoneName(change.timeZone)} failed{change.error ? `: ${change.error}` : ""}. The workspace is still in {zoneName(timeZone)}, its
              figures unchanged; save again to retry.
            </Alert>
          )}
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
