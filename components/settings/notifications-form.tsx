"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert, ErrorState } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";

export function NotificationsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const me = useQuery(trpc.me.get.queryOptions());
  const save = useMutation(
    trpc.me.updateNotifications.mutationOptions({
      onSuccess: (prefs) => {
        queryClient.setQueryData(trpc.me.get.queryKey(), (old) => (old ? { ...old, notificationPrefs: prefs } : old));
        toast(prefs.jobFailureEmails ? "Job failure emails turned on" : "Job failure emails turned off");
      },
    }),
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>Email notifications</CardTitle>
        <CardDescription>These settings are yours and apply in every workspace you belong to.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {me.isPending ? (
          <div role="status" aria-label="Loading notification settings" className="flex items-center justify-between gap-4">
            <Skeleton className="h-10 w-2/3" />
            <Skeleton className="h-6 w-11 rounded-full" />
          </div>
        ) : me.isError ? (
          <ErrorState title="Could not load your settings" message={errorMessageOf(me.error)} onRetry={() => me.refetch()} className="py-6" />
        ) : (
          <div className="flex items-start justify-between gap-4">
            <div className="grid gap-1">
              <p id="job-failure-emails-label" className="text-sm font-medium">
                Job failure emails
              </p>
              <p id="job-failure-emails-description" className="text-sm text-muted-foreground">
                Get an email when a sync or another background job fails after all its retries (at most one an hour per
                job and connection, with later failures counted into the next one), and another when it succeeds
                again. These emails go only to owners and admins of a workspace.
              </p>
            </div>
            <Switch
              aria-labelledby="job-failure-emails-label"
              aria-describedby="job-failure-emails-description"
              data-testid="job-failure-emails-toggle"
              checked={save.isPending ? save.variables.jobFailureEmails : me.data.notificationPrefs.jobFailureEmails}
              disabled={save.isPending}
              onCheckedChange={(jobFailureEmails) => save.mutate({ jobFailureEmails })}
            />
          </div>
        )}
        {save.error && <Alert variant="error">{errorMessageOf(save.error)}</Alert>}
      </CardContent>
    </Card>
  );
}
