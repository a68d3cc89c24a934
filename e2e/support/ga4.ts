// The sandbox GA4 as specs see it: a service account key file as a person downloads it, and giving
// its demo property up between attempts (a property belongs to one workspace at a time).
import { writeFileSync } from "node:fs";
import { readServerInfo } from "@/dev/e2e/server-info";
import { DEMO_PROPERTY, KEY_DOWNLOAD_PATH } from "@/dev/sandbox/ga4/config";
import type { PlantedOrder } from "@/dev/sandbox/ga4/generate";
import { query } from "./database";

/** A new key file (a user of both sandbox properties) saved at `path`, as the Cloud console's "Add key → JSON" downloads it. */
export async function downloadGa4KeyFile(path: string): Promise<{ clientEmail: string }> {
  const response = await fetch(`${readServerInfo().ga4SandboxUrl}${KEY_DOWNLOAD_PATH}`);
  if (!response.ok) throw new Error(`sandbox GA4 key download: ${response.status} ${await response.text()}`);
  const text = await response.text();
  writeFileSync(path, text);
  return { clientEmail: (JSON.parse(text) as { client_email: string }).client_email };
}

/** The orders whose purchase the sandbox did not record exactly, and what it did with each (its `planted` control). */
export async function plantedPurchases(): Promise<PlantedOrder[]> {
  const response = await fetch(`${readServerInfo().ga4SandboxUrl}/_sandbox/planted`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (!response.ok) throw new Error(`sandbox GA4 control planted: ${response.status} ${await response.text()}`);
  return (await response.json()) as PlantedOrder[];
}

/** Frees the demo property from whichever workspace an earlier attempt connected it to. */
export async function releaseGa4Property(): Promise<void> {
  await query(`DELETE FROM "Connection" WHERE provider = 'GA4' AND "externalAccountId" = $1`, [`properties/${DEMO_PROPERTY.id}`]);
}
