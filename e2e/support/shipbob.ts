// The sandbox ShipBob as specs see it: its demo token, its own account of what it holds (to check
// what the app shows against), and giving its account up between attempts.
import { readServerInfo } from "@/dev/e2e/server-info";
import { API_VERSION, CHANNELS, SHIPBOB_DEV } from "@/dev/sandbox/shipbob";
import { query } from "./database";

export const SHIPBOB_TOKEN = SHIPBOB_DEV.pat;

/** An account belongs to one workspace: an earlier attempt's workspace gives it up. */
export async function releaseShipBobAccount(): Promise<void> {
  await query(`DELETE FROM "Connection" WHERE provider = 'SHIPBOB' AND "externalAccountId" = ANY($1)`, [CHANNELS.map((c) => String(c.id))]);
}

/** How many of each resource the sandbox holds (`/_sandbox/snapshot`'s counts). */
export async function shipbobCounts(): Promise<Record<string, number>> {
  const response = await fetch(`${readServerInfo().shipbobSandboxUrl}/_sandbox/snapshot`, { method: "POST" });
  if (!response.ok) throw new Error(`sandbox ShipBob snapshot: ${response.status}`);
  return ((await response.json()) as { counts: Record<string, number> }).counts;
}

export type SandboxShipment = {
  id: number;
  status: string;
  location: { name: string };
  tracking: { carrier: string | null; tracking_number: string | null; tracking_url: string | null };
};

/** A shipment as ShipBob's API serves it (from the order list, following its `Next-Page` paths). */
export async function shipbobShipment(id: string): Promise<SandboxShipment> {
  const base = readServerInfo().shipbobSandboxUrl;
  for (let path: string | null = `/${API_VERSION}/order?Limit=250`; path; ) {
    const response: Response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${SHIPBOB_TOKEN}` } });
    if (!response.ok) throw new Error(`sandbox ShipBob ${path}: ${response.status}`);
    const orders = (await response.json()) as { shipments: SandboxShipment[] }[];
    const found = orders.flatMap((o) => o.shipments).find((s) => String(s.id) === id);
    if (found) return found;
    path = response.headers.get("next-page");
  }
  throw new Error(`The sandbox ShipBob has no shipment ${id}`);
}
