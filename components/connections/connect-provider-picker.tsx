"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessageOf } from "@/components/forms/api-error";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Skeleton } from "@/components/ui/skeleton";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { connectMethodLabel } from "./connect-choice";
import { ConnectForm } from "./connect-forms";

// Every provider Meridian has a connector for: its name, what it syncs and how it connects, as a
// radio group (arrow keys move between providers); the chosen one's form follows. A provider this
// server has not set up is listed, disabled, with what would switch it on.
export function ConnectProviderPicker({ initial }: { initial?: string }) {
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const providers = useQuery(trpc.connection.providers.queryOptions({ workspaceSlug: slug }));
  const [picked, setPicked] = useState<string | undefined>(initial);

  const choices = providers.data ?? [];
  const available = choices.filter((choice) => !choice.unavailable);
  // With one provider to choose from, it is chosen.
  const chosen = available.find((choice) => choice.slug === picked) ?? (available.length === 1 ? available[0] : undefined);

  return (
    <Card data-testid="connect-provider-picker">
      <CardHeader>
        <CardTitle>Connect a provider</CardTitle>
        <CardDescription>Choose what to sync from. You approve Meridian&apos;s read-only access, then the first sync starts.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {providers.isPending ? (
          <Skeleton className="h-16 w-full" />
        ) : providers.isError ? (
          <ErrorState title="Could not load providers" message={errorMessageOf(providers.error)} onRetry={() => providers.refetch()} />
        ) : (
          <fieldset className="grid gap-2 sm:grid-cols-2">
            <legend className="sr-only">Provider</legend>
            {choices.map((choice) => (
              <label
                key={choice.slug}
                className={cn(
                  "flex gap-3 rounded-lg border p-3 text-sm has-focus-visible:outline-2 has-focus-visible:outline-ring",
                  choice.unavailable ? "cursor-not-allowed opacity-70" : "cursor-pointer hover:bg-muted",
                  chosen?.slug === choice.slug && "border-primary bg-muted",
                )}
                data-testid={`connect-provider-${choice.slug}`}
              >
                <input
                  type="radio"
                  name="provider"
                  value={choice.slug}
                  className="mt-1"
                  checked={chosen?.slug === choice.slug}
                  disabled={Boolean(choice.unavailable)}
                  onChange={() => setPicked(choice.slug)}
                  aria-describedby={`connect-provider-${choice.slug}-about`}
                />
                <span className="grid gap-1">
                  <span className="font-medium">{choice.name}</span>
                  <span id={`connect-provider-${choice.slug}-about`} className="grid gap-1 text-muted-foreground">
                    <span>{choice.summary}</span>
                    <span className="text-xs">{choice.unavailable ?? connectMethodLabel(choice)}</span>
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {chosen && <ConnectForm key={chosen.slug} choice={chosen} />}
      </CardContent>
    </Card>
  );
}
