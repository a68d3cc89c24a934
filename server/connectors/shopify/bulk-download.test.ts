import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransientError } from "../_core/errors";
import { HttpClient } from "../_core/http";
import { readBulkRecords } from "./bulk";
import { ShopifyGraphqlClient } from "./graphql-client";
import type { BulkOperationNode } from "./types";

// A download that stops moving without closing: neither the sandbox's faults nor a timeout to
// first byte catch it, so the reader's own idle timeout has to.
const customer = (n: number) =>
  JSON.stringify({
    id: `gid://shopify/Customer/${n}`,
    firstName: "Ana",
    lastName: null,
    state: "ENABLED",
    tags: [],
    numberOfOrders: "1",
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-02T00:00:00Z",
    amountSpent: { amount: "1.00", currencyCode: "USD" },
    defaultEmailAddress: null,
    defaultPhoneNumber: null,
  });

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/jsonl" });
    res.write(`${customer(1)}\n${customer(2)}\n`);
    if (req.url === "/complete.jsonl") res.end(`${customer(3)}\n`);
    // "/stalled.jsonl": the rest never comes.
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

function operation(path: string, objectCount: number): BulkOperationNode {
  return {
    id: "gid://shopify/BulkOperation/1",
    status: "COMPLETED",
    errorCode: null,
    objectCount,
    rootObjectCount: objectCount,
    fileSize: null,
    url: `${base}${path}`,
    partialDataUrl: null,
    createdAt: "2026-01-02T00:00:00Z",
    completedAt: "2026-01-02T00:00:01Z",
  };
}

// Customers need no follow-up queries, so the GraphQL client is never called.
const client = new ShopifyGraphqlClient({ shopOrigin: "http://127.0.0.1:9", accessToken: "unused" });

describe("bulk download", () => {
  it("reads a complete file", async () => {
    const ids: string[] = [];
    for await (const batch of readBulkRecords(client, new HttpClient(), "customers", operation("/complete.jsonl", 3))) {
      ids.push(...batch.records.map((c) => c.externalId));
    }
    expect(ids).toEqual(["1", "2", "3"]);
  });

  it("gives up on a download that stalls, as a transient failure", async () => {
    const started = Date.now();
    const read = async () => {
      for await (const batch of readBulkRecords(client, new HttpClient(), "customers", operation("/stalled.jsonl", 3), { idleTimeoutMs: 300 })) {
        expect(batch.records.length).toBeGreaterThan(0);
      }
    };
    await expect(read()).rejects.toThrow(TransientError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
