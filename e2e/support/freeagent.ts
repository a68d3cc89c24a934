// The sandbox FreeAgent as specs see it: its controls (the planted payout deposits, counts), a bank
// transaction as its API serves it, and giving its company and its deposits up between attempts.
import { readServerInfo } from "@/dev/e2e/server-info";
import { MAIN_ACCOUNT_ID, type PlantedPayout } from "@/dev/sandbox/freeagent";
import { query } from "./database";

export type SandboxExplanation = { url: string; gross_value: string; category: string; description: string };
export type SandboxBankTransaction = { url: string; amount: string; unexplained_amount: string; bank_transaction_explanations: SandboxExplanation[] };

const sandboxUrl = () => readServerInfo().freeagentSandboxUrl;

/** `POST /_sandbox/<name>`: what the control answers. */
async function freeagentControl<T>(name: string, body: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${sandboxUrl()}/_sandbox/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`sandbox FreeAgent control ${name}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The payouts whose deposits the sandbox planted in its bank account, and how (exact, fee, missing, duplicated). */
export function plantedPayouts(): Promise<PlantedPayout[]> {
  return freeagentControl<PlantedPayout[]>("planted");
}

/** How many of each resource the sandbox holds. */
export async function freeagentCounts(): Promise<Record<string, number>> {
  return (await freeagentControl<{ counts: Record<string, number> }>("snapshot")).counts;
}

// A token of the sandbox's admin user of its own, as another FreeAgent client would hold. Its
// requests count against the same user's limits as the app's, so specs make few.
async function apiClient(): Promise<(pathOrUrl: string, init?: RequestInit) => Promise<Response>> {
  const { access_token } = await freeagentControl<{ access_token: string }>("issueToken");
  return async (pathOrUrl, init = {}) => {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${sandboxUrl()}/v2/${pathOrUrl}`;
    const response = await fetch(url, { ...init, headers: { authorization: `Bearer ${access_token}`, accept: "application/json" } });
    if (!response.ok) throw new Error(`sandbox FreeAgent ${init.method ?? "GET"} ${url}: ${response.status} ${await response.text()}`);
    return response;
  };
}

/** A bank transaction with its explanations, as FreeAgent's API serves it. */
export async function bankTransaction(id: number): Promise<SandboxBankTransaction> {
  const api = await apiClient();
  return ((await (await api(`bank_transactions/${id}`)).json()) as { bank_transaction: SandboxBankTransaction }).bank_transaction;
}

/**
 * A company belongs to one workspace: an earlier attempt's gives it up. The planted deposits start
 * unexplained, so an explanation on one is an earlier attempt's, left where it stopped: deleted.
 */
export async function releaseFreeAgentCompany(planted: PlantedPayout[]): Promise<void> {
  await query(`DELETE FROM "Connection" WHERE provider = 'FREEAGENT' AND settings->>'userUrl' LIKE $1`, [`${sandboxUrl()}/%`]);
  const deposits = new Set(planted.flatMap((p) => p.depositIds).map(String));
  const api = await apiClient();
  const left: string[] = [];
  for (let next: string | null = `bank_transaction_explanations?bank_account=${MAIN_ACCOUNT_ID}&per_page=100`; next; ) {
    const response = await api(next);
    const { bank_transaction_explanations } = (await response.json()) as { bank_transaction_explanations: (SandboxExplanation & { bank_transaction: string })[] };
    left.push(...bank_transaction_explanations.filter((e) => deposits.has(e.bank_transaction.split("/").pop()!)).map((e) => e.url));
    next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("link") ?? "")?.[1] ?? null;
  }
  for (const url of left) await api(url, { method: "DELETE" });
}
