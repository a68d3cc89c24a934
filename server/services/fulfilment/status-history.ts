import { z } from "zod";

export type StatusChange = { status: string; occurredAt: Date };

// A 3PL's status history is JSON written by ingest ([{ status, occurredAt }], oldest first); read
// defensively so one odd entry cannot break a page.
const statusHistoryJson = z.array(z.object({ status: z.string(), occurredAt: z.coerce.date() }));

export function readStatusHistory(json: unknown): StatusChange[] {
  const history = statusHistoryJson.safeParse(json);
  return history.success ? history.data : [];
}
