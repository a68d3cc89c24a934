"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { PayoutSetupForm } from "./payout-setup-form";

// The Payout reconciliation settings: one form per store, once a store and an accounting system
// are connected.
export function PayoutSetupSettings() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const options = useQuery(trpc.accounting.payoutSetupOptions.queryOptions({ workspaceSlug: slug }));
  const setups = useQuery(trpc.payouts.setups.queryOptions({ workspaceSlug: slug }));

  if (options.isError || setups.isError) {
    return (
      <Card>
        <ErrorState
          title="Could not load the payout reconciliation settings"
          message={errorMessageOf(options.error ?? setups.error)}
          onRetry={() => void Promise.all([options.refetch(), setups.refetch()])}
        />
      </Card>
    );
  }
  if (!options.data || !setups.data) {
    return (
      <div role="status" aria-label="Loading settings">
        <Skeleton className="h-96 w-full rounded-xl" />
      </div>
    );
  }
  const { storeConnections, accountingConnections } = options.data;
  if (storeConnections.length === 0 || accountingConnections.length === 0) {
    return (
      <Card data-testid="payout-setup-missing-connection">
        <EmptyState
          title={storeConnections.length === 0 ? "No store connected" : "No accounting system connected"}
          description="Payout reconciliation matches a store's payouts to the deposits in an accounting system's bank account: connect both first."
          action={
            <Link href={`/w/${slug}/connections`} className={buttonVariants({ size: "sm" })}>
              Go to Connections
            </Link>
          }
        />
      </Card>
    );
  }
  return (
    <div className="grid gap-6">
      {storeConnections.map((store) => (
        <PayoutSetupForm
          key={store.id}
          store={store}
          accountingConnections={accountingConnections}
          saved={setups.data.find((setup) => setup.storeConnection.id === store.id) ?? null}
        />
      ))}
    </div>
  );
}
