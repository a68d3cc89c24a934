"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { MAX_TOLERANCE_MINOR_UNITS, pairToleranceFields, reconciliationSettingsFields } from "@/server/services/reconciliation/schema";
import { NumberSettingForm } from "./number-setting-form";

type Pair = inferRouterOutputs<AppRouter>["reconciliation"]["pairs"]["pairs"][number];

// Settings → Reconciliation: the workspace's match-rate threshold, and each pair's value tolerance.
export function ReconciliationSettings() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const overview = useQuery(trpc.reconciliation.pairs.queryOptions({ workspaceSlug: slug }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reconciliation.pairs.queryKey({ workspaceSlug: slug }) });
  const saveThreshold = useMutation(
    trpc.reconciliation.updateSettings.mutationOptions({
      onSuccess: (saved) => {
        toast(`Threshold set to ${saved.matchRateThresholdPercent}%`);
        void refresh();
      },
    }),
  );

  if (overview.isError) {
    return (
      <Card>
        <ErrorState title="Could not load the reconciliation settings" message={errorMessageOf(overview.error)} onRetry={() => overview.refetch()} />
      </Card>
    );
  }
  if (!overview.data) {
    return (
      <div role="status" aria-label="Loading settings">
        <Skeleton className="h-64 w-full rounded-xl" />
      </div>
    );
  }
  const { settings, pairs } = overview.data;
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Match-rate threshold</CardTitle>
          <CardDescription>
            A day whose match rate (the share of the store&apos;s orders analytics recorded) is below this is marked on the Reconciliation pages, and members who turned on match rate alerts
            are emailed when a store&apos;s latest final day falls below it.{settings.isDefault && " This is the default; nothing has been saved yet."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <NumberSettingForm
            field="matchRateThresholdPercent"
            schema={reconciliationSettingsFields}
            saved={settings.matchRateThresholdPercent}
            label="Threshold (%)"
            hint="0–100 %, up to two decimals."
            step="0.01"
            testId="reconciliation-threshold"
            save={{ mutate: (value) => saveThreshold.mutate({ workspaceSlug: slug, ...value }), isPending: saveThreshold.isPending, error: saveThreshold.error }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Value tolerance</CardTitle>
          <CardDescription>
            A matched order whose value in analytics differs by up to this many minor units of its currency (cents, pence) is not a mismatch. Saving recomputes the store&apos;s days.
          </CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6">
          {pairs.length === 0 ? (
            <EmptyState
              title="No reconciliations yet"
              description="Connect a store and a Google Analytics 4 property: each pair of them gets a tolerance here."
              action={
                <Link href={`/w/${slug}/connections`} className={buttonVariants({ size: "sm" })}>
                  Go to Connections
                </Link>
              }
            />
          ) : (
            pairs.map((pair) => <ToleranceForm key={pair.id} pair={pair} onSaved={refresh} />)
          )}
        </CardContent>
      </Card>
    </div>
  );
}

function ToleranceForm({ pair, onSaved }: { pair: Pair; onSaved: () => unknown }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const toast = useToast();
  const save = useMutation(
    trpc.reconciliation.updateTolerance.mutationOptions({
      onSuccess: () => {
        toast(`Tolerance saved for ${pair.store.displayName}`);
        void onSaved();
      },
    }),
  );
  return (
    <NumberSettingForm
      field="toleranceMinorUnits"
      schema={pairToleranceFields}
      saved={pair.toleranceMinorUnits}
      label="Tolerance (minor units)"
      hint={`0–${MAX_TOLERANCE_MINOR_UNITS.toLocaleString("en-GB")}.`}
      step="1"
      testId={`reconciliation-tolerance-${pair.id}`}
      save={{ mutate: (value) => save.mutate({ workspaceSlug: slug, pairId: pair.id, ...value }), isPending: save.isPending, error: save.error }}
    >
      <p className="text-sm font-medium">
        {pair.store.displayName} ↔ {pair.analytics.displayName}
      </p>
    </NumberSettingForm>
  );
}
