import { Heading, Section, Text } from "@react-email/components";
import { formatEmailDate } from "./email-time";
import { EmailLayout, emailStyles } from "./layout";

export type CustomerDataReportCustomer = {
  name: string | null;
  email: string | null;
  phone: string | null;
  state: string | null;
  tags: string[];
  numberOfOrders: number | null;
  amountSpent: string | null;
  /** ISO time the shop created the customer. */
  createdAt: string;
  /** Personal fields were erased earlier (customers/redact). */
  redacted: boolean;
};

export type CustomerDataReportOrder = {
  name: string;
  /** ISO time. */
  processedAt: string;
  email: string | null;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  /** Amount with currency, e.g. "59.00 USD". */
  total: string;
  lineItems: { title: string; variantTitle: string | null; sku: string | null; quantity: number; unitPrice: string }[];
};

export type CustomerDataRequestEmailProps = {
  workspaceName: string;
  /** The workspace's zone: the days shown are its days. */
  timeZone: string;
  /** The provider's name, as its users know it (its connector's info). */
  provider: string;
  shop: string;
  dataRequestId: string;
  /** Who the request is about, as the provider named them. */
  requested: { customerId: string; email: string | null; phone: string | null };
  /** What Meridian stores about them; null when nothing is stored under that customer id. */
  customer: CustomerDataReportCustomer | null;
  orders: CustomerDataReportOrder[];
  /** Everything above and more, as stored, for handing on in machine-readable form. */
  dataJson: string;
};

export function customerDataRequestSubject(props: Pick<CustomerDataRequestEmailProps, "workspaceName" | "shop" | "dataRequestId">): string {
  return `[${props.workspaceName}] Customer data request ${props.dataRequestId} from ${props.shop}`;
}

const row = { ...emailStyles.text, margin: "0 0 4px" } as const;
const pre = {
  backgroundColor: "#f6f7f9",
  border: "1px solid #e5e7eb",
  borderRadius: "8px",
  color: "#111827",
  fontFamily: "Menlo, Consolas, monospace",
  fontSize: "11px",
  lineHeight: "16px",
  overflowX: "auto",
  padding: "12px",
  whiteSpace: "pre-wrap",
  wordBreak: "break-all",
} as const;

export default function CustomerDataRequestEmail(props: CustomerDataRequestEmailProps) {
  const { workspaceName, timeZone, provider, shop, dataRequestId, requested, customer, orders, dataJson } = props;
  const who = requested.email ?? requested.phone ?? `customer ${requested.customerId}`;
  return (
    <EmailLayout
      preview={`${shop} forwarded a customer's request for their data (${who})`}
      footer={`You receive this as an owner or admin of ${workspaceName}. It contains a customer's personal data: share it only with that customer.`}
    >
      <Heading as="h1" style={emailStyles.heading}>
        Customer data request
      </Heading>
      <Text style={emailStyles.text}>
        {provider} forwarded a request from a customer of <strong>{shop}</strong> to see the data stored about them
        (request {dataRequestId}). Below is everything Meridian stores about <strong>{who}</strong> for this shop in{" "}
        <strong>{workspaceName}</strong>. The store has 30 days to provide it to the customer.
      </Text>

      <Heading as="h2" style={{ ...emailStyles.heading, fontSize: "16px" }}>
        Customer
      </Heading>
      {customer ? (
        <Section>
          {customer.redacted ? <Text style={emailStyles.muted}>This customer&apos;s personal details were erased on an earlier request.</Text> : null}
          <Text style={row}>Name: {customer.name ?? "—"}</Text>
          <Text style={row}>Email: {customer.email ?? "—"}</Text>
          <Text style={row}>Phone: {customer.phone ?? "—"}</Text>
          <Text style={row}>Account state: {customer.state ?? "—"}</Text>
          <Text style={row}>Tags: {customer.tags.length ? customer.tags.join(", ") : "—"}</Text>
          <Text style={row}>Orders: {customer.numberOfOrders ?? "—"}</Text>
          <Text style={row}>Amount spent: {customer.amountSpent ?? "—"}</Text>
          <Text style={{ ...row, marginBottom: "16px" }}>Customer since: {formatEmailDate(customer.createdAt, timeZone)}</Text>
        </Section>
      ) : (
        <Text style={emailStyles.muted}>No customer record is stored under {provider} customer {requested.customerId}.</Text>
      )}

      <Heading as="h2" style={{ ...emailStyles.heading, fontSize: "16px" }}>
        Orders ({orders.length})
      </Heading>
      {orders.length === 0 ? <Text style={emailStyles.muted}>No orders of this customer are stored.</Text> : null}
      {orders.map((order) => (
        <Section key={order.name} style={{ marginBottom: "12px" }}>
          <Text style={{ ...row, fontWeight: 600 }}>
            {order.name} · {formatEmailDate(order.processedAt, timeZone)} · {order.total}
          </Text>
          <Text style={emailStyles.muted}>
            {[order.email, order.financialStatus, order.fulfillmentStatus].filter(Boolean).join(" · ")}
          </Text>
          {order.lineItems.map((line, index) => (
            <Text key={index} style={row}>
              {line.quantity} × {line.title}
              {line.variantTitle ? ` (${line.variantTitle})` : ""}
              {line.sku ? ` [${line.sku}]` : ""} at {line.unitPrice}
            </Text>
          ))}
        </Section>
      ))}

      <Heading as="h2" style={{ ...emailStyles.heading, fontSize: "16px", marginTop: "16px" }}>
        All stored data (JSON)
      </Heading>
      <pre style={pre}>{dataJson}</pre>
    </EmailLayout>
  );
}
