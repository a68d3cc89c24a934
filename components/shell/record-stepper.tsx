"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { customerListOf } from "@/components/customers/customer-list-origin";
import { orderListOf } from "@/components/orders/order-list-origin";
import { productListOf } from "@/components/products/product-list-origin";
import { useTRPC } from "@/components/trpc/client";
import { cn } from "@/components/ui/cn";
import { listQueryOf, recordHref } from "@/components/ui/list-origin";
import { useWorkspace } from "@/components/workspace/workspace-context";
import { useShortcut } from "./use-shortcut";

// The detail pages j and k step through, by their list's path segment.
const RECORD_KINDS = { orders: "order", customers: "customer", products: "product", jobs: "job run" } as const;
type ListSegment = keyof typeof RECORD_KINDS;

// `listQuery`: the list the record was opened from (list-origin.ts), whose order j and k follow.
function useAdjacent(list: ListSegment, id: string, listQuery: string | null) {
  const trpc = useTRPC();
  const { slug: workspaceSlug, timeZone } = useWorkspace();
  const build = {
    orders: () => trpc.search.adjacentOrders.queryOptions({ workspaceSlug, orderId: id, list: listQuery ? orderListOf(listQuery, timeZone) : undefined }),
    customers: () => trpc.search.adjacentCustomers.queryOptions({ workspaceSlug, customerId: id, list: listQuery ? customerListOf(listQuery) : undefined }),
    products: () => trpc.search.adjacentProducts.queryOptions({ workspaceSlug, productId: id, list: listQuery ? productListOf(listQuery) : undefined }),
    jobs: () => trpc.search.adjacentJobRuns.queryOptions({ workspaceSlug, jobRunId: id }),
  };
  // Every kind answers the same shape.
  return useQuery(build[list]() as ReturnType<typeof build.orders>).data;
}

// On a detail page: links to the previous and next record in the list's order, and j / k for them.
// The page renders it once its record has loaded, so a missing record (its not-found page) or a
// page the member may not read never asks for neighbours.
export function RecordStepper({ list, id }: { list: ListSegment; id: string }) {
  const router = useRouter();
  const { slug } = useWorkspace();
  const listQuery = listQueryOf(useSearchParams());
  const adjacent = useAdjacent(list, id, listQuery);
  // Each step keeps the list it follows.
  const hrefOf = (recordId: string | null | undefined) => (recordId ? recordHref(`/w/${slug}/${list}/${recordId}`, listQuery ?? "") : null);
  const previous = hrefOf(adjacent?.previousId);
  const next = hrefOf(adjacent?.nextId);
  useShortcut("j", () => next && router.push(next));
  useShortcut("k", () => previous && router.push(previous));

  if (!adjacent) return null;
  const kind = RECORD_KINDS[list];
  return (
    <nav aria-label={`Previous and next ${kind}`} data-testid="record-stepper" className="mb-3 flex justify-end gap-1 text-sm">
      <StepLink href={previous} shortcut="k" testId="record-previous">
        ← Previous {kind}
      </StepLink>
      <StepLink href={next} shortcut="j" testId="record-next">
        Next {kind} →
      </StepLink>
    </nav>
  );
}

function StepLink({ href, shortcut, testId, children }: { href: string | null; shortcut: string; testId: string; children: ReactNode }) {
  const className = "inline-flex min-h-8 items-center gap-2 rounded-md px-2.5";
  const hint = (
    <kbd aria-hidden className="hidden rounded border bg-muted px-1.5 font-mono text-xs text-muted-foreground sm:inline">
      {shortcut}
    </kbd>
  );
  if (!href) {
    return (
      <span aria-disabled="true" data-testid={testId} className={cn(className, "text-muted-foreground")}>
        {children}
        {hint}
      </span>
    );
  }
  return (
    <Link href={href} aria-keyshortcuts={shortcut} data-testid={testId} className={cn(className, "hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring")}>
      {children}
      {hint}
    </Link>
  );
}
