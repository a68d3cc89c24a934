// The API edge as an attacker meets it on a production build under `next start` (issue 10): what
// error bodies reveal, whether private answers may be cached, the batch cap, and NUL bytes in
// every kind of outside string (tRPC input, query parameters, page parameters, headers).
import { connect } from "node:net";
import superjson from "superjson";
import { E2E_PORT } from "@/dev/e2e/server-info";
import { query } from "../support/database";
import { expect, test } from "../support/fixtures";
import { signInWithNewWorkspace } from "../support/workspaces";

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));

type ErrorBody = { error: { json: { data: Record<string, unknown> & { zodError?: { fieldErrors: Record<string, string[]> } } } } };

/** The status line's code for a request written byte for byte (fetch and Playwright refuse a NUL in a header). */
function rawStatus(request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(E2E_PORT, "localhost", () => socket.end(request));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("error", reject);
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
  });
}

// The not-found pages answer 404 for the document, which Chromium reports as a console error.
test.use({ allowedConsoleErrors: [/status of 404/] });

test("error bodies, caching, the batch cap and NUL bytes at the API edge", async ({ page, uniqueEmail }) => {
  const email = uniqueEmail("api-edge");
  const slug = await signInWithNewWorkspace(page, email, "Edge Probes");
  const api = page.request;

  await test.step("an error body carries no stack trace and no server path", async () => {
    const response = await api.get(`/api/trpc/workspace.get?input=${input({ workspaceSlug: "no-such-workspace" })}`);
    expect(response.status()).toBe(404);
    const text = await response.text();
    expect((JSON.parse(text) as ErrorBody).error.json.data).not.toHaveProperty("stack");
    expect(text).not.toMatch(/node_modules|\.next\/|\n\s+at /);
  });

  await test.step("a signed-in answer with emails is private, no-store", async () => {
    const response = await api.get(`/api/trpc/member.list?input=${input({ workspaceSlug: slug })}`);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain(email);
    expect(response.headers()["cache-control"]).toBe("private, no-store");
  });

  await test.step("a batch of 300 calls is refused with 400 and none of them runs", async () => {
    const calls = Array.from({ length: 300 }, (_, i) => ({ name: `Batch ${i}` }));
    const response = await api.post(`/api/trpc/${calls.map(() => "workspace.create").join(",")}?batch=1`, {
      data: Object.fromEntries(calls.map((call, i) => [i, superjson.serialize(call)])),
    });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain("Batch call exceeds maximum size");
    expect(await query(`SELECT 1 FROM "Workspace" WHERE name LIKE 'Batch %'`)).toHaveLength(0);
  });

  await test.step("a NUL in a tRPC input is a 400 naming the field", async () => {
    const response = await api.get(`/api/trpc/workspace.get?input=${input({ workspaceSlug: `${slug}\u0000` })}`);
    expect(response.status()).toBe(400);
    expect(((await response.json()) as ErrorBody).error.json.data.zodError?.fieldErrors).toHaveProperty("workspaceSlug");
  });

  await test.step("a NUL in a query parameter is a 400 naming it", async () => {
    const response = await api.get(`/api/connections/shopify/install?workspace=${slug}%00&shop=edge.myshopify.com`, { maxRedirects: 0 });
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_parameter", field: "workspace" });
  });

  await test.step("a NUL in a page parameter is the not-found page", async () => {
    for (const path of [`/w/${slug}/orders/%00`, `/w/${slug}/products/x%00`, `/w/${slug}/jobs/%00`, "/w/%00"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(500);
      // Each record's own not-found page ("Order not found"), or the workspace's "Page not found".
      await expect(page.getByRole("heading", { name: / not found$/ })).toBeVisible();
    }
    const invitation = await page.goto("/invite/%00");
    expect(invitation?.status()).toBeLessThan(500);
    await expect(page.getByTestId("invitation-status")).toHaveAttribute("data-status", "invalid");
  });

  await test.step("a NUL in a header never reaches the webhook or health routes", async () => {
    const webhook = await rawStatus(
      "POST /api/webhooks/shopify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
        "X-Shopify-Topic: orders/create\u0000\r\nX-Shopify-Shop-Domain: edge\u0000.myshopify.com\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    );
    expect(webhook).toBe(400);
    const health = await rawStatus("GET /api/health/jobs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a\u0000b\r\nConnection: close\r\n\r\n");
    expect(health).toBe(400);
  });
});
