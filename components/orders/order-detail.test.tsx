import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { renderToString } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { addressRecord, at, buildCommerceScope, customerRecord, lineItemRecord, locationRecord, orderRecord, refundRecord, shipmentRecord, transactionRecord } from "@/prisma/factories/commerce";
import { insertCustomer, insertOrder, type CommerceScope } from "@/prisma/factories/commerce-rows";
import { buildConnection } from "@/prisma/factories/connections";
import { TRPCProvider } from "@/components/trpc/client";
import { WorkspaceProvider } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { callerFor } from "@/server/api/test-utils";
import { ACTIONS } from "@/server/auth/permissions";
import { db } from "@/server/db";
import { ingestLocations, ingestShipments } from "@/server/ingest";
import { OrderDetailView } from "./order-detail";

// Renders the order page's view from what order.get really returns, after the same superjson
// round trip the HTTP link does, so the page's contract with the service is checked end to end.
async function renderOrder(
  record: ReturnType<typeof orderRecord>,
  extras: { customerRedacted?: boolean; threePL?: (scope: CommerceScope) => Promise<void> } = {},
) {
  const scope = await buildCommerceScope();
  if (extras.threePL) {
    const connection = await buildConnection(scope.workspaceId, { provider: "SHIPBOB", externalAccountId: `channel-${crypto.randomUUID()}`, displayName: "Demo ShipBob" });
    await extras.threePL({ workspaceId: scope.workspaceId, connectionId: connection.id });
  }
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: scope.workspaceId }, include: { memberships: { include: { user: true } } } });
  const owner = workspace.memberships[0]!.user;
  if (record.customerExternalId) {
    await insertCustomer(
      scope,
      customerRecord(record.customerExternalId, extras.customerRedacted ? { firstName: null, lastName: null, email: null } : { firstName: "Ada", lastName: "Lovelace" }),
      { redactedAt: extras.customerRedacted ? new Date() : null },
    );
  }
  const order = await insertOrder(scope, record);
  const fromServer = await callerFor(owner).order.get({ workspaceSlug: workspace.slug, orderId: order.id });
  const wire = superjson.parse<typeof fromServer>(superjson.stringify(fromServer));

  const queryClient = new QueryClient();
  const trpcClient = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "http://127.0.0.1:1/api/trpc", transformer: superjson })] });
  const permissions = Object.fromEntries(ACTIONS.map((a) => [a, true])) as Record<(typeof ACTIONS)[number], boolean>;
  // React marks text boundaries with empty comments; they are not part of what people read.
  return renderToString(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <WorkspaceProvider
          workspace={{ id: workspace.id, name: workspace.name, slug: workspace.slug, timeZone: "UTC", role: "OWNER", permissions }}
          user={{ id: owner.id, name: owner.name, email: owner.email }}
        >
          <OrderDetailView orderId={order.id} initialData={wire} />
        </WorkspaceProvider>
      </TRPCProvider>
    </QueryClientProvider>,
  ).replaceAll("<!-- -->", "");
}

describe("OrderDetailView", () => {
  it("shows the line items with SKU, quantities and money in the order's currency, the refund and the customer link", async () => {
    const html = await renderOrder(
      orderRecord("7001", {
        currency: "EUR",
        totalPrice: { amount: "1234.5", currency: "EUR" },
        customerExternalId: "cust-7001",
        lineItems: [
          lineItemRecord("7001-1", { title: "Walnut Desk", sku: "DESK-W", quantity: 2, currentQuantity: 1, unitPrice: { amount: "600", currency: "EUR" }, discountedUnitPrice: { amount: "550", currency: "EUR" } }),
        ],
        refunds: [refundRecord("7001-r", { total: { amount: "550", currency: "EUR" }, lineItems: [{ lineItemExternalId: "7001-1", quantity: 1, restockType: "RETURN", subtotal: { amount: "550", currency: "EUR" } }] })],
      }),
    );
    expect(html).toContain('data-testid="order-line-item"');
    expect(html).toContain("Walnut Desk");
    expect(html).toContain("DESK-W");
    expect(html).toContain("€550.00"); // discounted unit price and the line total for the one left
    expect(html).toContain("€600.00"); // struck-through original price
    expect(html).toContain("€1,234.50");
    expect(html).toContain("1 × Walnut Desk"); // the refunded line
    expect(html).toMatch(/data-testid="order-customer-link" href="\/w\/ws-[^/"]+\/customers\/[^"]+"/);
    expect(html).toContain("Ada Lovelace");
  });

  it("shows a refunded line as refunded, with the amount given back, rather than a struck-out quantity", async () => {
    const html = await renderOrder(
      orderRecord("7007", {
        currency: "USD",
        lineItems: [
          lineItemRecord("7007-1", { title: "Gift wrapping", sku: null, quantity: 1, currentQuantity: 0, unitPrice: { amount: "31.31", currency: "USD" }, discountedUnitPrice: { amount: "31.31", currency: "USD" } }),
        ],
        refunds: [refundRecord("7007-r", { total: { amount: "31.31", currency: "USD" }, lineItems: [{ lineItemExternalId: "7007-1", quantity: 1, restockType: null, subtotal: { amount: "31.31", currency: "USD" } }] })],
      }),
    );
    expect(html).toMatch(/data-testid="line-item-quantity">1<div[^>]*data-testid="line-item-refunded">1 refunded<\/div>/);
    expect(html).toMatch(/data-testid="line-item-refunded-amount">\$31\.31 refunded</);
    expect(html).not.toContain("<s ");
  });

  it("tells the order's story in a timeline, from placed to last synced", async () => {
    const html = await renderOrder(
      orderRecord("7008", {
        sourceCreatedAt: "2026-02-01T09:00:00.000Z",
        transactions: [transactionRecord("7008-t", { processedAt: "2026-02-01T09:01:00.000Z" })],
        cancelledAt: "2026-02-02T00:00:00.000Z",
        cancelReason: "CUSTOMER",
        refunds: [refundRecord("7008-r", { total: { amount: "5", currency: "USD" }, sourceCreatedAt: "2026-02-02T01:00:00.000Z" })],
      }),
    );
    const kinds = [...html.matchAll(/data-testid="order-timeline-event" data-kind="(\w+)"/g)].map((m) => m[1]);
    expect(kinds).toEqual(["placed", "paid", "cancelled", "refunded", "synced"]);
    expect(html).toContain("Cancelled</span><span class=\"text-muted-foreground\"> · customer</span>");
  });

  it("shows the shipping and billing addresses as written in their countries, the billing one as the same when it is", async () => {
    const grace = addressRecord({ name: "Grace Hopper", company: "Harbor Labs", address1: "1600 Pennsylvania Ave", address2: null, city: "Arlington", province: "Virginia", provinceCode: "VA", zip: "22202", country: "United States", countryCode: "US", phone: "+1 703-555-0142" });
    const html = await renderOrder(orderRecord("7010", { shippingAddress: grace, billingAddress: addressRecord() }));
    const block = (testId: string) => html.match(new RegExp(`data-testid="${testId}"[^>]*>(.*?)</address>`))?.[1]?.split(/<[^>]+>/).filter(Boolean);
    expect(block("order-shipping-address")).toEqual(["Shipping address", "Grace Hopper", "Harbor Labs", "1600 Pennsylvania Ave", "Arlington, VA 22202", "United States", "+1 703-555-0142"]);
    // Japan from the postal code down, the recipient last; the country in the reader's language.
    expect(block("order-billing-address")).toEqual(["Billing address", "〒150-0041", "東京都 渋谷区", "神南1-2-3", "ハイツ渋谷 402", "山田 花子", "Japan"]);

    const same = await renderOrder(orderRecord("7011", { shippingAddress: grace, billingAddress: { ...grace } }));
    expect(same).toMatch(/data-testid="order-billing-address"[^>]*><h3[^>]*>Billing address<\/h3><p[^>]*>Same as shipping address<\/p>/);
  });

  it("leaves out an address the order has none of, and the card when it has neither", async () => {
    const digital = await renderOrder(orderRecord("7012", { shippingAddress: null, billingAddress: addressRecord() }));
    expect(digital).toContain('data-testid="order-billing-address"');
    expect(digital).not.toContain('data-testid="order-shipping-address"');
    expect(await renderOrder(orderRecord("7013"))).not.toContain('data-testid="order-addresses"');
  });

  it("shows a redacted customer as Redacted, without personal data", async () => {
    const html = await renderOrder(orderRecord("7002", { customerExternalId: "cust-7002" }), { customerRedacted: true });
    expect(html).toContain('data-testid="customer-redacted"');
    expect(html).not.toContain("Customer-cust-7002@Example.test");
  });

  it("marks a cancelled order", async () => {
    const html = await renderOrder(orderRecord("7003", { cancelledAt: "2026-01-02T00:00:00.000Z", cancelReason: "CUSTOMER" }));
    expect(html).toContain('data-testid="order-cancelled-notice"');
    expect(html).toContain("reason: customer");
  });

  it("shows each shipment of the order with its status, centre, carrier and tracking link, late estimate, items and a collapsed timeline", async () => {
    const html = await renderOrder(orderRecord("7004"), {
      threePL: async (scope) => {
        await ingestLocations(scope, [locationRecord("centre-1", { name: "Moreno Valley (CA)" })]);
        await ingestShipments(scope, [
          shipmentRecord("s-7004-a", { storeOrderReference: "7004", items: [{ inventoryItemExternalId: "inv-1", sku: "DESK-W", quantity: 2 }] }),
          shipmentRecord("s-7004-b", {
            storeOrderReference: "7004",
            status: "OnHold",
            shippedAt: null,
            estimatedFulfillmentAt: at(86_400), // long past, never shipped
            trackingUrl: "javascript:alert(1)",
            sourceCreatedAt: at(60),
          }),
        ]);
      },
    });
    expect(html).toContain('data-testid="order-fulfilment"');
    expect(html.match(/data-testid="order-shipment"/g)).toHaveLength(2);
    expect(html).toContain("Moreno Valley (CA)");
    expect(html).toContain("Demo ShipBob · ShipBob");
    expect(html).toContain('data-status="OnHold">On hold</span>');
    expect(html).toContain("2 × ");
    expect(html).toContain("DESK-W");
    // Only the http(s) tracking URL becomes a link, opening in a new tab without the opener.
    expect(html.match(/data-testid="shipment-tracking-link"/g)).toHaveLength(1);
    expect(html).toContain('href="https://tracking.example.test/1Zs-7004-a" target="_blank" rel="noopener noreferrer"');
    expect(html).not.toContain("javascript:");
    expect(html).toContain("1Zs-7004-b");
    expect(html.match(/data-testid="shipment-late"/g)).toHaveLength(1);
    // A disclosure, closed until opened.
    expect(html).toMatch(/<details[^>]*data-testid="shipment-timeline"><summary[^>]*>Timeline \(2 events\)<\/summary>/);
    // Each event says its description, and its type only when that says more.
    expect(html).toContain('Order processing<span class="text-muted-foreground"> · Processing</span>');
    expect(html).toMatch(/data-testid="shipment-event"><span>Shipped<\/span>/);
  });

  it("shows the empty state only when the workspace has a 3PL", async () => {
    const withThreePL = await renderOrder(orderRecord("7005"), { threePL: async () => {} });
    expect(withThreePL).toContain("No shipments from a connected 3PL yet");
    const storeOnly = await renderOrder(orderRecord("7006"));
    expect(storeOnly).not.toContain('data-testid="order-fulfilment"');
  });
});
