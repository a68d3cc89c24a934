import { Badge } from "@/components/ui/badge";
import type { PayoutMatchState } from "@/server/services/payout-reconciliation/schema";
import { MATCH_STATE, NOT_RECONCILED } from "./payout-labels";

export function MatchStateBadge({ state }: { state: PayoutMatchState | null }) {
  const meta = state ? MATCH_STATE[state] : NOT_RECONCILED;
  return (
    <Badge variant={meta.variant} data-testid="payout-state" data-state={state ?? "NONE"}>
      {meta.label}
    </Badge>
  );
}
