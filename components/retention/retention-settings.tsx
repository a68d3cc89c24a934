"use client";

import { useQuery } from "@tanstack/react-query";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { RetentionForm } from "./retention-form";
import { RetentionPreview } from "./retention-preview";

export function RetentionSettings() {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const policy = useQuery(trpc.retention.get.queryOptions({ workspaceSlug: slug }));

  return (
    <div className="flex flex-col gap-6">
      {policy.isPending ? (
        <Card role="status" aria-label="Loading retention settings" className="grid gap-4 p-6 sm:grid-cols-2">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-14" />
          ))}
        </Card>
      ) : policy.isError ? (
        <Card>
          <ErrorState title="Could not load retention settings" message={errorMessageOf(policy.error)} onRetry={() => policy.refetch()} />
        </Card>
      ) : (
        <RetentionForm saved={policy.data} isDefault={policy.data.isDefault} />
      )}
      <RetentionPreview />
    </div>
  );
}
