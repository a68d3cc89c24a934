import { render } from "@react-email/render";
import { describe, expect, it } from "vitest";
import CustomerDataRequestEmail, { customerDataRequestSubject, type CustomerDataRequestEmailProps } from "./customer-data-request";

const props: CustomerDataRequestEmailProps = {
  workspaceName: "Acme Ops",
  timeZone: "America/New_York",
  provider: "Shopify",
  shop: "acme.myshopify.com",
  dataRequestId: "9999",
  requested: { customerId: "191167", email: "c@example.com", phone: "555-625-1199" },
  customer: {
    name: "Cleo Park",
    email: "c@example.com",
    phone: "555-625-1199",
    state: "ENABLED",
    tags: ["vip"],
    numberOfOrders: 2,
    amountSpent: "84.00 USD",
    createdAt: "2025-04-02T03:00:00.000Z",
    redacted: false,
  },
  orders: [
    {
      name: "#1042",
      // Mar 2 in New York, Mar 3 in UTC.
      processedAt: "2026-03-03T02:11:10.000Z",
      email: "c@example.com",
      financialStatus: "PAID",
      fulfillmentStatus: "FULFILLED",
      total: "59.00 USD",
      lineItems: [{ title: "Linen shirt", variantTitle: "M", sku: "LS-M", quantity: 2, unitPrice: "27.00 USD" }],
    },
  ],
  dataJson: JSON.stringify({ customer: { email: "c@example.com" }, orders: [{ name: "#1042" }] }, null, 2),
};

describe("CustomerDataRequestEmail", () => {
  it("names the shop and request, summarizes the customer and orders (days of the workspace's zone), and carries the JSON", async () => {
    expect(customerDataRequestSubject(props)).toBe("[Acme Ops] Customer data request 9999 from acme.myshopify.com");
    const text = await render(<CustomerDataRequestEmail {...props} />, { plainText: true });
    expect(text).toContain("request 9999");
    expect(text).toContain("Name: Cleo Park");
    expect(text).toContain("Amount spent: 84.00 USD");
    expect(text).toContain("#1042 · Mar 2, 2026 · 59.00 USD");
    expect(text).toContain("Customer since: Apr 1, 2025");
    expect(text).toContain("2 × Linen shirt (M) [LS-M] at 27.00 USD");
    expect(text).toContain('"name": "#1042"');
    expect(text).toContain("share it only with that customer");
  });

  it("says so when nothing is stored about the customer", async () => {
    const text = await render(<CustomerDataRequestEmail {...props} customer={null} orders={[]} />, { plainText: true });
    expect(text).toContain("No customer record is stored under Shopify customer 191167.");
    expect(text).toContain("No orders of this customer are stored.");
  });
});
