"use client";

import { LinkTabs } from "@/components/ui/link-tabs";
import { useWorkspace } from "@/components/workspace/workspace-context";

// A pair's two views, each its own URL: its days, and its issues across a range of days.
export function PairTabs({ pairId }: { pairId: string }) {
  const { slug } = useWorkspace();
  const base = `/w/${slug}/reconciliation/${pairId}`;
  return (
    <LinkTabs
      label="Reconciliation views"
      tabs={[
        { href: base, label: "Days", testId: "pair-tab-days" },
        { href: `${base}/issues`, label: "Issues", testId: "pair-tab-issues" },
      ]}
    />
  );
}
