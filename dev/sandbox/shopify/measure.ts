// `tsx dev/sandbox/shopify/measure.ts [orders]`: how long the sandbox takes to generate a shop and
// write + serve a full orders bulk export (line items, refunds, transactions), and its peak RSS.
import { startShopifySandbox } from "./server";
import { adminGraphql, ALL_SCOPES } from "./testing";

const BULK_QUERY = `{ orders { edges { node { id name email createdAt updatedAt displayFinancialStatus
  totalPriceSet { shopMoney { amount currencyCode } } customer { id }
  lineItems { edges { node { id sku quantity originalUnitPriceSet { shopMoney { amount } } variant { id } } } }
  refunds { id createdAt } transactions { id kind amountSet { shopMoney { amount } } } } } } }`;

async function main() {
  const orders = Number(process.argv[2] ?? 100_000);
  const domain = "measure.myshopify.com";
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  const t0 = performance.now();
  const sandbox = await startShopifySandbox({ apiKey: "k", apiSecret: "s", shops: [{ domain, volume: { orders } }] });
  const shop = sandbox.shop(domain);
  const token = shop.install(ALL_SCOPES).access_token;
  shop.store.orders.summaries();
  const t1 = performance.now();
  const started = await adminGraphql(sandbox, domain, token, `mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id } } }`, { q: BULK_QUERY });
  const id = (started.body.data!.bulkOperationRunQuery as { bulkOperation: { id: string } }).bulkOperation.id;
  const op = await shop.bulk.settled(Number(id.split("/").pop()));
  const t2 = performance.now();
  let bytes = 0;
  const reader = (await fetch(op.url!)).body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) bytes += next.value.length;
  const t3 = performance.now();
  clearInterval(sample);
  await sandbox.stop();
  console.log(
    `${orders} orders: generate+index ${(t1 - t0).toFixed(0)} ms · bulk run ${(t2 - t1).toFixed(0)} ms (${op.objectCount} objects, ${(op.fileSize! / 1e6).toFixed(1)} MB, incl. ~1 s schema build on first request) · download ${(t3 - t2).toFixed(0)} ms (${(bytes / 1e6).toFixed(1)} MB) · peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
