"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/trpc/client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TagList } from "@/components/ui/tag-list";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useWorkspace } from "@/components/workspace/workspace-context";
import type { AppRouter } from "@/server/api/root";
import { CancelledBadge, StatusBadge } from "./order-badges";
import { OrderAddressesCard } from "./order-addresses";
import { OrderFulfilmentCard } from "./order-fulfilment";
import { OrderTimeline } from "./order-timeline";
import { statusLabel } from "./order-status";
import { DateTimeOrDash, Fact } from "@/components/ui/fact";
import { useFormat } from "@/components/ui/formats";

type OrderDetail = inferRouterOutputs<AppRouter>["order"]["get"];

// At least 24 px tall, a comfortable target on a phone.
const linkClass = "inline-flex min-h-6 w-fit items-center font-medium underline-offset-4 hover:underline rounded-sm focus-visible:outline-2 focus-visible:outline-ring";

function SummaryRow({ label, children, strong = false, testId }: { label: string; children: ReactNode; strong?: boolean; testId?: string }) {
  return (
    <div className={strong ? "flex justify-between gap-4 border-t pt-2 font-semibold" : "flex justify-between gap-4"}>
      <dt className={strong ? undefined : "text-muted-foreground"}>{label}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}


// One order as the store recorded it. Loaded by the page (so an unknown id is a real 404) and kept
// fresh here, with times shown in the viewer's timezone.
export function OrderDetailView({ orderId, initialData }: { orderId: string; initialData: OrderDetail }) {
  const format = useFormat();
  const { slug } = useWorkspace();
  const trpc = useTRPC();
  const { data: order } = useQuery({ ...trpc.order.get.queryOptions({ workspaceSlug: slug, orderId }), initialData });
  const money = (amount: string | null) => format.money(amount, order.currency);

  return (
    <div className="grid gap-6" data-testid="order-detail">
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge kind="financial" status={order.financialStatus} />
        <StatusBadge kind="fulfillment" status={order.fulfillmentStatus} />
        {order.cancelledAt && <CancelledBadge />}
        {order.test && <Badge variant="outline">Test order</Badge>}
        {order.inProvider && (
          <a
            href={order.inProvider.url}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonVariants({ variant: "outline", size: "sm", className: "ml-auto" })}
            data-testid="order-in-provider"
          >
            {order.inProvider.label}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        )}
      </div>

      {order.cancelledAt && (
        <Alert variant="warning" title="This order was cancelled" data-testid="order-cancelled-notice">
          Cancelled <DateTimeOrDash value={order.cancelledAt} />
          {order.cancelReason && ` · reason: ${statusLabel(order.cancelReason).toLowerCase()}`}
        </Alert>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid content-start gap-6 lg:col-span-2">
          <Card>
            <CardHeader>
              <CardTitle>Line items</CardTitle>
            </CardHeader>
            <CardContent className="px-0 pb-2">
              {order.lineItems.length === 0 ? (
                <EmptyState title="No line items" description="The store sent this order without any lines." />
              ) : (
                <Table data-testid="order-line-items">
                  <TableCaption>Line items of {order.name}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Item</TableHead>
                      <TableHead className="hidden sm:table-cell">SKU</TableHead>
                      <TableHead className="text-right">Qty</TableHead>
                      <TableHead className="text-right">Price</TableHead>
                      <TableHead className="text-right">Total</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {order.lineItems.map((line) => {
                      const discounted = line.discountedUnitPrice !== line.unitPrice;
                      // Taken off the order without a refund (an order edit).
                      const removed = line.quantity - line.currentQuantity - line.refundedQuantity;
                      return (
                        <TableRow key={line.id} data-testid="order-line-item">
                          <TableCell>
                            <div className="font-medium" data-testid="line-item-title">
                              {line.title}
                            </div>
                            {line.variantTitle && <div className="text-xs text-muted-foreground">{line.variantTitle}</div>}
                            <div className="text-xs text-muted-foreground sm:hidden">{line.sku ?? "No SKU"}</div>
                          </TableCell>
                          <TableCell className="hidden font-mono text-xs sm:table-cell" data-testid="line-item-sku">
                            {line.sku ?? <span className="font-sans text-muted-foreground">—</span>}
                          </TableCell>
                          <TableCell className="text-right tabular-nums" data-testid="line-item-quantity">
                            {line.quantity}
                            {line.refundedQuantity > 0 && (
                              <div className="text-xs whitespace-nowrap text-muted-foreground" data-testid="line-item-refunded">
                                {line.refundedQuantity} refunded
                              </div>
                            )}
                            {removed > 0 && <div className="text-xs whitespace-nowrap text-muted-foreground">{removed} removed</div>}
                          </TableCell>
                          <TableCell className="text-right whitespace-nowrap tabular-nums">
                            {money(line.discountedUnitPrice)}
                            {discounted && (
                              <div className="text-xs text-muted-foreground">
                                <s aria-label={`before discount ${money(line.unitPrice)}`}>{money(line.unitPrice)}</s>
                              </div>
                            )}
                          </TableCell>
                          <TableCell className="text-right whitespace-nowrap tabular-nums" data-testid="line-item-total">
                            {format.money(line.lineTotal, line.currency)}
                            {line.refundedAmount !== null && (
                              <div className="text-xs text-muted-foreground" data-testid="line-item-refunded-amount">
                                {format.money(line.refundedAmount, line.currency)} refunded
                              </div>
                            )}
                          </TableCell>
                        </TableRow>
                      );
                    })}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>

          <OrderFulfilmentCard fulfilment={order.fulfilment} />

          {order.refunds.length > 0 && (
            <Card data-testid="order-refunds">
              <CardHeader>
                <CardTitle>Refunds</CardTitle>
              </CardHeader>
              <CardContent>
                <ul className="grid gap-4">
                  {order.refunds.map((refund) => (
                    <li key={refund.id} className="grid gap-2 rounded-lg border p-3" data-testid="order-refund">
                      <div className="flex flex-wrap items-baseline justify-between gap-2">
                        <span className="text-sm text-muted-foreground">
                          <DateTimeOrDash value={refund.createdAt} />
                          {refund.note && <> · {refund.note}</>}
                        </span>
                        <span className="font-medium tabular-nums">{format.money(refund.total, refund.currency)}</span>
                      </div>
                      {refund.lineItems.length > 0 && (
                        <ul className="grid gap-1 text-sm">
                          {refund.lineItems.map((line, index) => (
                            <li key={`${line.lineItemId ?? "gone"}-${index}`} className="flex justify-between gap-4">
                              <span>
                                {line.quantity} × {line.title}
                                {line.restockType && <span className="text-muted-foreground"> · {statusLabel(line.restockType).toLowerCase()}</span>}
                              </span>
                              <span className="tabular-nums text-muted-foreground">{format.money(line.subtotal, line.currency)}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              </CardContent>
            </Card>
          )}

          <Card>
            <CardHeader>
              <CardTitle>Transactions</CardTitle>
            </CardHeader>
            <CardContent className="px-0 pb-2">
              {order.transactions.length === 0 ? (
                <EmptyState title="No transactions" description="No payment has been recorded for this order." />
              ) : (
                <Table data-testid="order-transactions">
                  <TableCaption>Payment transactions of {order.name}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <TableHead>Kind</TableHead>
                      <TableHead>Status</TableHead>
                      <TableHead className="hidden sm:table-cell">Gateway</TableHead>
                      <TableHead className="hidden md:table-cell">Date</TableHead>
                      <TableHead className="text-right">Amount</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {order.transactions.map((t) => (
                      <TableRow key={t.id}>
                        <TableCell>{statusLabel(t.kind)}</TableCell>
                        <TableCell>{statusLabel(t.status)}</TableCell>
                        <TableCell className="hidden sm:table-cell">{t.gateway ?? "—"}</TableCell>
                        <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
                          <DateTimeOrDash value={t.processedAt} />
                        </TableCell>
                        <TableCell className="text-right whitespace-nowrap tabular-nums">{format.money(t.amount, t.currency)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </div>

        <div className="grid content-start gap-6">
          <OrderTimeline events={order.timeline} />

          <Card>
            <CardHeader>
              <CardTitle>Summary</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-2 text-sm" data-testid="order-summary">
                <SummaryRow label="Subtotal">{money(order.subtotal)}</SummaryRow>
                <SummaryRow label="Discounts">{money(order.totalDiscounts)}</SummaryRow>
                <SummaryRow label="Tax">{money(order.totalTax)}</SummaryRow>
                <SummaryRow label="Total" strong testId="order-total">
                  {money(order.totalPrice)}
                </SummaryRow>
                {order.totalRefunded !== null && Number(order.totalRefunded) !== 0 && (
                  <SummaryRow label="Refunded">−{money(order.totalRefunded)}</SummaryRow>
                )}
                {order.currentTotalPrice !== null && order.currentTotalPrice !== order.totalPrice && (
                  <SummaryRow label="Current total">{money(order.currentTotalPrice)}</SummaryRow>
                )}
              </dl>
            </CardContent>
          </Card>

          <Card data-testid="order-customer">
            <CardHeader>
              <CardTitle>Customer</CardTitle>
            </CardHeader>
            <CardContent>
              {order.customer?.redacted || (!order.customer && order.redacted) ? (
                <p className="text-sm text-muted-foreground italic" data-testid="customer-redacted">
                  Redacted — the store erased this customer&apos;s personal data.
                </p>
              ) : order.customer ? (
                <div className="grid gap-1 text-sm">
                  <Link href={`/w/${slug}/customers/${order.customer.id}`} className={linkClass} data-testid="order-customer-link">
                    {order.customer.name ?? "Unnamed customer"}
                  </Link>
                  {order.customer.email && <span className="break-all text-muted-foreground">{order.customer.email}</span>}
                </div>
              ) : (
                <div className="grid gap-1 text-sm">
                  <span>{order.email ?? "No customer"}</span>
                  {order.email && <span className="text-xs text-muted-foreground">The customer record has not been synced.</span>}
                </div>
              )}
            </CardContent>
          </Card>

          <OrderAddressesCard order={order} />

          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-3">
                <Fact label="Store">{order.connection.displayName}</Fact>
                <Fact label="Processed">
                  <DateTimeOrDash value={order.processedAt} />
                </Fact>
                <Fact label="Created in store">
                  <DateTimeOrDash value={order.sourceCreatedAt} />
                </Fact>
                <Fact label="Last updated in store">
                  <DateTimeOrDash value={order.sourceUpdatedAt} />
                </Fact>
                {order.closedAt && (
                  <Fact label="Closed">
                    <DateTimeOrDash value={order.closedAt} />
                  </Fact>
                )}
                {order.tags.length > 0 && (
                  <Fact label="Tags">
                    <TagList tags={order.tags} />
                  </Fact>
                )}
              </dl>
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
