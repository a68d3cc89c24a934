import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ManualClock, SHIPBOB_DEV, startShipBobSandbox, type ShipBobSandbox } from "@/dev/sandbox/shipbob";
import { AuthExpiredError } from "../_core/errors";
import { ShipBobClient, type ListPage } from "./client";
import { TokenPacers } from "./request-pacer";

// The client's two paging styles against the sandbox ShipBob, followed as ShipBob writes them.

const EPOCH = Date.UTC(2026, 9, 15);
let sandbox: ShipBobSandbox;
beforeAll(async () => {
  sandbox = await startShipBobSandbox({
    seed: "connector-client",
    epoch: EPOCH,
    volume: { orders: 23, products: 11, centres: 2 },
    shopify: { seed: "meridian-demo.myshopify.com", epoch: EPOCH, volume: { orders: 30, products: 11 } },
    clock: new ManualClock(EPOCH),
  });
});
afterAll(async () => {
  await sandbox?.stop();
});

const client = (token = SHIPBOB_DEV.pat) => new ShipBobClient(sandbox.url, token, { pacers: new TokenPacers() });
const withId = z.object({ id: z.number() });

/** Every page from `first` on, each next page's path taken as given. */
async function follow(first: string, page: (path: string) => Promise<ListPage<{ id: number }>>) {
  const ids: number[] = [];
  const paths: string[] = [];
  for (let path: string | null = first; path; ) {
    paths.push(path);
    const { items, next } = await page(path);
    ids.push(...items.map((i) => i.id));
    path = next;
  }
  return { ids, paths };
}

describe("ShipBobClient", () => {
  it("follows Page/Limit lists by their Next-Page header to the last page", async () => {
    const c = client();
    const { ids, paths } = await follow("/2026-01/order?Limit=10", (path) => c.headerPage(path, withId));
    expect(paths).toEqual(["/2026-01/order?Limit=10", "/2026-01/order?Limit=10&Page=2", "/2026-01/order?Limit=10&Page=3"]);
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
  });

  it("follows cursor lists by their body's next, each record once", async () => {
    const c = client();
    const { ids, paths } = await follow("/2026-01/product?PageSize=4", (path) => c.cursorPage(path, withId));
    expect(paths).toHaveLength(3);
    expect(paths.slice(1).every((p) => p.startsWith("/2026-01/product?Cursor="))).toBe(true);
    expect(ids.sort()).toEqual(sandbox.account.products.map((p) => p.id).sort());
  });

  it("deletes with ShipBob's 204, which has no body", async () => {
    const c = client();
    const subscription = z.object({ id: z.string() });
    const { body: created } = await c.post("/2026-01/webhook", { url: "https://app.test/hooks", topics: ["order.shipped"] }, subscription);
    await c.delete(`/2026-01/webhook/${created.id}`);
    expect((await c.cursorPage("/2026-01/webhook", subscription)).items).toEqual([]);
  });

  it("answers a refused token with AuthExpiredError", async () => {
    await expect(client("sbpat_wrong").cursorPage("/2026-01/channel", withId)).rejects.toBeInstanceOf(AuthExpiredError);
  });
});
