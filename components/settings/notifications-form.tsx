"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { Alert, ErrorState } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";
import type { NotificationPreferenceName } from "@/server/services/users/schema";

type Preference = NotificationPreferenceName;

// Each switch: its label, what it sends, and its test id (the label's id, kebab-case).
const SWITCHES: { preference: Preference; id: string; label: string; description: string }[] = [
  {
    preference: "jobFailureEmails",
    id: "job-failure-emails",
    label: "Job failure emails",
    description:
      "Get an email when a sync or another background job fails after all its retries (at most one an hour per job and connection, with later failures counted into the next one), and another when it succeeds again. These emails go only to owners and admins of a workspace.",
  },
  {
    preference: "shipmentAlertEmails",
    id: "shipment-alert-emails",
    label: "Shipment alert emails",
    description:
      "Get an email when shipments at a connected 3PL enter Exception or On hold. Shipments that enter them within 15 minutes of the first come in one email. These emails go only to owners and admins of a workspace.",
  },
  {
    preference: "payoutSummaryEmails",
    id: "payout-summary-emails",
    label: "Daily payout summary",
    description:
      "Get one email a day listing the store payouts not yet matched to a bank deposit (none found, several possible, or an amount that differs) and the deposits no payout explains. Off until you turn it on; it is sent only when something is left and only to owners and admins of a workspace.",
  },
  {
    preference: "matchRateAlertEmails",
    id: "match-rate-alert-emails",
    label: "Match rate alerts",
    description:
      "Get an email when the share of a store's orders that analytics recorded (its match rate) falls below the workspace's threshold on the latest final day (once, until it recovers), and another when a later day is back at or above it. Off until you turn it on.",
  },
  {
    preference: "reconciliationWeeklyEmails",
    id: "reconciliation-weekly-emails",
    label: "Weekly reconciliation summary",
    description:
      "Get one email on Monday mornings with each store's match rate for the past week against the week before, the value of the orders analytics missed and the worst days. Off until you turn it on.",
  },
];

const LABEL_OF = Object.fromEntries(SWITCHES.map((s) => [s.preference, s.label])) as Record<Preference, string>;

export function NotificationsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const me = useQuery(trpc.me.get.queryOptions());
  const save = useMutation(
    trpc.me.updateNotifications.mutationOptions({
      onSuccess: (prefs, changed) => {
        queryClient.setQueryData(trpc.me.get.queryKey(), (old) => (old ? { ...old, notificationPrefs: prefs } : old));
        const [preference] = Object.keys(changed) as Preference[];
        if (preference) toast(`${LABEL_OF[preference]} turned ${prefs[preference] ? "on" : "off"}`);
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
          SWITCHES.map(({ preference, id, label, description }) => (
            <div key={preference} className="flex items-start justify-between gap-4">
              <div className="grid gap-1">
                <p id={`${id}-label`} className="text-sm font-medium">
                  {label}
                </p>
                <p id={`${id}-description`} className="text-sm text-muted-foreground">
                  {description}
                </p>
              </div>
              <Switch
                aria-labelledby={`${id}-label`}
                aria-describedby={`${id}-description`}
                data-testid={`${id}-toggle`}
                checked={save.isPending ? (save.variables[preference] ?? me.data.notificationPrefs[preference]) : me.data.notificationPrefs[preference]}
                disabled={save.isPending}
                onCheckedChange={(checked) => save.mutate({ [preference]: checked })}
              />
            </div>
          ))
        )}
        {save.error && <Alert variant="error">{errorMessageOf(save.error)}</Alert>}
      </CardContent>
    </Card>
  );
}
