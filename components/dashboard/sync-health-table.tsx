import Link from "next/link";
import { Time } from "@/components/ui/time";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ConnectionSyncHealth } from "./overview-types";

const STATUS_LABELS: Record<string, string> = { ACTIVE: "Active", ERROR: "Error", PAUSED: "Paused", NEEDS_REAUTH: "Needs reconnecting", DISCONNECTED: "Disconnected", PENDING: "Setting up" };

/** Every connection's syncs: the last success, failures in the last day, and when the next one runs. */
export function SyncHealthTable({ connections, slug }: { connections: ConnectionSyncHealth[]; slug: string }) {
  return (
    <Table data-testid="overview-sync-health">
      <caption className="sr-only">Sync health of every connection</caption>
      <TableHeader>
        <TableRow>
          <TableHead>Connection</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Last success</TableHead>
          <TableHead className="text-right">Failures (24 h)</TableHead>
          <TableHead>Next sync</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {connections.map((c) => (
          <TableRow key={c.connectionId}>
            <TableCell>
              <Link href={`/w/${slug}/jobs?connection=${c.connectionId}`} className="font-medium hover:underline">
                {c.displayName}
              </Link>
              <span className="block text-xs text-muted-foreground">{c.providerName}</span>
            </TableCell>
            <TableCell>{STATUS_LABELS[c.status] ?? c.status}</TableCell>
            <TableCell>{c.lastSuccessAt ? <Time value={c.lastSuccessAt} /> : "Never"}</TableCell>
            <TableCell className={c.failuresLast24h > 0 ? "text-right font-medium text-destructive tabular-nums" : "text-right tabular-nums"}>{c.failuresLast24h}</TableCell>
            <TableCell>{c.inProgress ? "Running now" : c.nextRunAt ? <Time value={c.nextRunAt} /> : "Not scheduled"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
