"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { Fragment } from "react";
import { statusLabel } from "@/components/orders/order-status";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { TagList } from "@/components/ui/tag-list";
import type { AppRouter } from "@/server/api/root";
import { CustomerOrders } from "./customer-orders";
import { Fact } from "@/components/ui/fact";
import { useFormat } from "@/components/ui/formats";

type CustomerDetail = inferRouterOutputs<AppRouter>["customer"]["get"];


// A client component so dates show in the viewer's timezone, like the rest of the app.
export function CustomerDetailView({ customer }: { customer: CustomerDetail }) {
  const format = useFormat();
  return (
    <div className="grid grid-cols-1 gap-6" data-testid="customer-detail">
      {customer.redacted && (
        <Alert title="Personal data redacted" data-testid="customer-redacted-notice">
          The store erased this customer&apos;s personal data
          {customer.redactedAt && (
            <>
              {" "}
              on <Time value={customer.redactedAt} />
            </>
          )}
          . Their orders stay, without name or contact details.
        </Alert>
      )}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader>
            <CardTitle>Contact</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-3">
              <Fact className="tabular-nums wrap-anywhere" label="Email">{customer.email ?? <span className="text-muted-foreground">—</span>}</Fact>
              <Fact className="tabular-nums" label="Phone">{customer.phone ?? <span className="text-muted-foreground">—</span>}</Fact>
              <Fact className="tabular-nums" label="Account">{statusLabel(customer.state)}</Fact>
              <Fact className="tabular-nums" label="Customer since">
                <Time value={customer.sourceCreatedAt} date />
              </Fact>
              {customer.tags.length > 0 && (
                <Fact label="Tags">
                  <TagList tags={customer.tags} />
                </Fact>
              )}
            </dl>
          </CardContent>
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Lifetime</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="customer-lifetime">
              {customer.lifetime.length === 0 ? (
                <Fact className="tabular-nums" label="Orders synced">0</Fact>
              ) : (
                customer.lifetime.map((figures) => (
                  <Fragment key={figures.currency}>
                    <Fact className="tabular-nums" label={customer.lifetime.length > 1 ? `Orders (${figures.currency})` : "Orders"} testId="lifetime-orders">
                      {format.quantity(figures.orders)}
                    </Fact>
                    <Fact className="tabular-nums" label="Total spent" testId="lifetime-spent">
                      {format.money(figures.totalSpent, figures.currency)}
                    </Fact>
                    <Fact className="tabular-nums" label="Refunded">{format.money(figures.totalRefunded, figures.currency)}</Fact>
                    <Fact className="tabular-nums" label="Net">{format.money(figures.net, figures.currency)}</Fact>
                  </Fragment>
                ))
              )}
              <Fact className="tabular-nums" label="First order">{customer.firstOrderAt ? <Time value={customer.firstOrderAt} date /> : "—"}</Fact>
              <Fact className="tabular-nums" label="Last order">{customer.lastOrderAt ? <Time value={customer.lastOrderAt} date /> : "—"}</Fact>
              {customer.reported.numberOfOrders !== null && (
                <Fact className="tabular-nums" label="Reported by the store">
                  {format.quantity(customer.reported.numberOfOrders)} orders · {format.money(customer.reported.amountSpent, customer.reported.currency)}
                </Fact>
              )}
            </dl>
          </CardContent>
        </Card>
      </div>

      <CustomerOrders customerId={customer.id} />
    </div>
  );
}
