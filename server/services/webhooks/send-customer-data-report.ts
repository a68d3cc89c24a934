import "server-only";
import type { CustomerDataRequest } from "@/server/connectors/_core/webhooks";
import { providerName } from "@/server/connectors/registry";
import { db } from "@/server/db";
import {
  customerDataRequestSubject,
  sendCustomerDataRequestEmail,
  type CustomerDataReportCustomer,
  type CustomerDataReportOrder,
} from "@/server/email";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { AccountScope } from "./account-scope";

export type CustomerDataReportResult = { customerFound: boolean; orders: number; recipients: number; sent: number };

/**
 * A customer's request for their data, forwarded by the provider: what Meridian stores about them
 * (their customer row, and their orders with line items, refunds and transactions: those the
 * provider listed and any other stored under the customer) goes to the workspace's owners and
 * admins, who answer the customer. The email holds a readable summary and the complete data as JSON (inline: the mail layer has no
 * attachments). A retried run does not mail a recipient whose copy was already sent.
 */
export async function sendCustomerDataReport(scope: AccountScope, request: CustomerDataRequest): Promise<CustomerDataReportResult> {
  const where = { workspaceId: scope.workspaceId, connectionId: scope.connectionId };
  const [workspace, customer, orders] = await Promise.all([
    db.workspace.findUniqueOrThrow({
      where: { id: scope.workspaceId },
      select: { name: true, timeZone: true, memberships: { where: { role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { email: true } } } } },
    }),
    db.customer.findUnique({
      where: { workspaceId_connectionId_externalId: { ...where, externalId: request.customerExternalId } },
      omit: { id: true, workspaceId: true, connectionId: true, sourceHash: true, nameSort: true },
    }),
    db.order.findMany({
      where: { ...where, OR: [{ externalId: { in: request.orderExternalIds } }, { customerExternalId: request.customerExternalId }] },
      omit: { id: true, workspaceId: true, connectionId: true, sourceHash: true, nameLower: true, emailLower: true, number: true },
      include: {
        lineItems: { omit: { id: true, workspaceId: true, connectionId: true, orderId: true }, orderBy: { externalId: "asc" } },
        refunds: { omit: { id: true, workspaceId: true, connectionId: true, orderId: true }, orderBy: { externalId: "asc" } },
        transactions: { omit: { id: true, workspaceId: true, connectionId: true, orderId: true }, orderBy: { externalId: "asc" } },
      },
      orderBy: [{ processedAt: "asc" }, { externalId: "asc" }],
    }),
  ]);

  const summaryCustomer: CustomerDataReportCustomer | null = customer && {
    name: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || null,
    email: customer.email,
    phone: customer.phone,
    state: customer.state,
    tags: customer.tags,
    numberOfOrders: customer.numberOfOrders,
    amountSpent: customer.amountSpent && customer.currency ? `${customer.amountSpent.toFixed(2)} ${customer.currency}` : null,
    createdAt: customer.sourceCreatedAt.toISOString(),
    redacted: customer.redactedAt !== null,
  };
  const summaryOrders: CustomerDataReportOrder[] = orders.map((order) => ({
    name: order.name,
    processedAt: order.processedAt.toISOString(),
    email: order.email,
    financialStatus: order.financialStatus,
    fulfillmentStatus: order.fulfillmentStatus,
    total: `${order.totalPrice.toFixed(2)} ${order.currency}`,
    lineItems: order.lineItems.map((line) => ({
      title: line.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: `${line.unitPrice.toFixed(2)} ${line.currency}`,
    })),
  }));
  // Prisma's Decimal and Date serialize as strings.
  const dataJson = JSON.stringify({ account: scope.account, dataRequestId: request.dataRequestId, customerId: request.customerExternalId, customer, orders }, null, 2);

  const props = {
    workspaceName: workspace.name,
    timeZone: workspace.timeZone,
    provider: providerName(scope.provider),
    shop: scope.account,
    dataRequestId: request.dataRequestId,
    requested: { customerId: request.customerExternalId, email: request.email, phone: request.phone },
    customer: summaryCustomer,
    orders: summaryOrders,
    dataJson,
  };
  const subject = customerDataRequestSubject(props);
  const recipients = [...new Set(workspace.memberships.map((m) => m.user.email))];
  const alreadySent = new Set(
    (
      await db.emailOutbox.findMany({
        where: { workspaceId: scope.workspaceId, template: "customer-data-request", subject, status: "SENT", to: { in: recipients } },
        select: { to: true },
      })
    ).map((e) => e.to),
  );
  let sent = 0;
  for (const to of recipients) {
    if (alreadySent.has(to)) continue;
    await sendCustomerDataRequestEmail({ to, workspaceId: scope.workspaceId, ...props });
    sent++;
  }

  // Ids only: the audit log outlives a later redaction of the customer.
  if (sent > 0) {
    await recordAudit(db, {
      actorId: null,
      ip: null,
      userAgent: null,
      workspaceId: scope.workspaceId,
      action: "connection.customer_data_requested",
      targetType: "Connection",
      targetId: scope.connectionId,
      metadata: { provider: scope.provider, account: scope.account, dataRequestId: request.dataRequestId, customerId: request.customerExternalId, orders: orders.length, recipients: recipients.length },
    });
  }
  return { customerFound: customer !== null, orders: orders.length, recipients: recipients.length, sent };
}
