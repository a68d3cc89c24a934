import { describe, expect, it } from "vitest";
import { receiveWebhook } from "./receive-webhook";

describe("a provider switched off (Shopify without SHOPIFY_API_KEY/SECRET)", () => {
  // Installs refused: server/services/connections/begin-connect.test.ts.
  it("answers webhooks 404", async () => {
    const reply = await receiveWebhook(new Request("http://x/api/webhooks/shopify", { method: "POST", body: "{}" }), "shopify", { config: null });
    expect(reply).toEqual({ status: 404, body: { ok: false, result: "not_configured" } });
  });
});
