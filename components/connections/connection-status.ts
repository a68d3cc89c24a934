import type { BadgeVariant } from "@/components/ui/badge";
import type { ConnectionStatus } from "@/server/generated/prisma/enums";

const BADGES: Record<ConnectionStatus, { label: string; variant: BadgeVariant; help: string }> = {
  ACTIVE: { label: "Active", variant: "success", help: "Syncs on schedule." },
  ERROR: { label: "Error", variant: "destructive", help: "The last sync failed; the next one retries." },
  PAUSED: { label: "Paused", variant: "neutral", help: "No syncs until it is resumed." },
  NEEDS_REAUTH: { label: "Needs re-authorization", variant: "destructive", help: "Connect the account again to resume syncing." },
  DISCONNECTED: { label: "Disconnected", variant: "neutral", help: "Credentials erased; synced data is kept." },
  PENDING: { label: "Setting up", variant: "outline", help: "Waiting for the install to finish." },
};

export function connectionStatusBadge(status: ConnectionStatus) {
  return BADGES[status];
}

export const FREQUENCY_LABELS: Record<number, string> = { 15: "Every 15 minutes", 60: "Hourly", 360: "Every 6 hours", 1440: "Daily" };
