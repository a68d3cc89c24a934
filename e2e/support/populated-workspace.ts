// The factories' populated workspace (prisma/factories/workspace-contents.ts) in the e2e server's
// database, for specs that walk pages needing one of every record. The factories import the app's
// server modules, which read DATABASE_URL once when loaded, so they run in a process of their own.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTsx } from "@/dev/db/run-seed";
import { readServerInfo } from "@/dev/e2e/server-info";

export type PopulatedWorkspace = {
  slug: string;
  /** The store connection's account (its shop domain). */
  storeAccount: string;
  /** The raw token of a pending invitation's link. */
  invitationToken: string;
  /** Database session tokens of the owner and of a viewer (see addSessionCookie). */
  sessions: { owner: string; viewer: string };
  orderIds: string[];
  productId: string;
  customerId: string;
  runIds: string[];
  payoutId: string;
  pairId: string;
  /** A day of the reconciliation pair, YYYY-MM-DD. */
  reconciliationDate: string;
};

export async function seedPopulatedWorkspace(name: string): Promise<PopulatedWorkspace> {
  const folder = mkdtempSync(join(tmpdir(), "meridian-seed-"));
  const output = join(folder, "seeded.json");
  try {
    await runTsx("e2e/support/seed-populated-workspace.ts", ["--conditions=react-server"], {
      DATABASE_URL: readServerInfo().databaseUrl,
      SEED_OUTPUT: output,
      SEED_WORKSPACE_NAME: name,
    });
    return JSON.parse(readFileSync(output, "utf8")) as PopulatedWorkspace;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
