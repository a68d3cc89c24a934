import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { renderToString } from "react-dom/server";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { buildCommerceScope, customerRecord, lineItemRecord, orderRecord, refundRecord } from "@/prisma/factories/commerce";
import { insertCustomer, insertOrder } from "@/prisma/factories/commerce-rows";
import { TRPCProvider } from "@/components/trpc/client";
import { WorkspaceProvider } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { callerFor } from "@/server/api/test-utils";
import { ACTIONS } from "@/server/auth/permissions";
import { db } from "@/server/db";
import { OrderDetailView } from "./order-detail";

// Renders the order page's view from what order.get really returns, after the same superjson
// round trip the HTTP link does, so the page's contract with the service is checked end to end.
async function renderOrder(record: ReturnType<typeof orderRecord>, extras: { customerRedacted?: boolean } = {}) {
  const scope = await buildCommerceScope();
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
          workspace={{ id: workspace.id, name: workspace.name, slug: workspace.slug, role: "OWNER", permissions }}
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
});
