// The sandbox ShipBob as specs see it: its demo token, its controls, its own account of what it
// holds (to check what the app shows against), and giving its account up between attempts.
import { readServerInfo } from "@/dev/e2e/server-info";
import { API_VERSION, CHANNELS, SHIPBOB_DEV } from "@/dev/sandbox/shipbob";
import { query } from "./database";

export const SHIPBOB_TOKEN = SHIPBOB_DEV.pat;

/** An account belongs to one workspace: an earlier attempt's workspace gives it up. */
export async function releaseShipBobAccount(): Promise<void> {
  await query(`DELETE FROM "Connection" WHERE provider = 'SHIPBOB' AND "externalAccountId" = ANY($1)`, [CHANNELS.map((c) => String(c.id))]);
}

/** `POST /_sandbox/<name>`: what the control answers. */
export async function shipbobControl<T>(name: string, body: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${readServerInfo().shipbobSandboxUrl}/_sandbox/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`sandbox ShipBob control ${name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** How many of each resource the sandbox holds. */
export async function shipbobCounts(): Promise<Record<string, number>> {
  return (await shipbobControl<{ counts: Record<string, number> }>("snapshot")).counts;
}

export type SandboxShipment = {
  id: number;
  /** The store order's id. */
  reference_id: string;
  status: string;
  delivery_date: string | null;
  location: { name: string };
  tracking: { carrier: string | null; tracking_number: string | null; tracking_url: string | null };
};

/** Every shipment as ShipBob's API serves it (in its orders, following the `Next-Page` paths). */
export async function shipbobShipments(): Promise<SandboxShipment[]> {
  const base = readServerInfo().shipbobSandboxUrl;
  const shipments: SandboxShipment[] = [];
  for (let path: string | null = `/${API_VERSION}/order?Limit=250`; path; ) {
    const response: Response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${SHIPBOB_TOKEN}` } });
    if (!response.ok) throw new Error(`sandbox ShipBob ${path}: ${response.status}`);
    shipments.push(...((await response.json()) as { shipments: SandboxShipment[] }[]).flatMap((order) => order.shipments));
    path = response.headers.get("next-page");
  }
  return shipments;
}
