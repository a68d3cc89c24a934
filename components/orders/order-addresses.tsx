"use client";

import type { inferRouterOutputs } from "@trpc/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { useFormats } from "@/components/ui/formats";
import type { AppRouter } from "@/server/api/root";
import { addressLines, sameAddress, type PostalAddress } from "./address-lines";

type OrderDetail = inferRouterOutputs<AppRouter>["order"]["get"];

function AddressBlock({ label, address, testId }: { label: string; address: PostalAddress | string; testId: string }) {
  const { locale } = useFormats();
  return (
    <div className="grid min-w-0 content-start gap-1" data-testid={testId}>
      <h3 className="text-sm font-medium">{label}</h3>
      {typeof address === "string" ? (
        <p className="text-sm text-muted-foreground">{address}</p>
      ) : (
        <address className="text-sm not-italic break-words">
          {addressLines(address, locale).map((line, index) => (
            <span key={index} className="block">
              {line}
            </span>
          ))}
          {address.phone && <span className="block text-muted-foreground">{address.phone}</span>}
        </address>
      )}
    </div>
  );
}

/** The order's shipping and billing addresses; an address the order has none of is left out, and the card with both. */
export function OrderAddressesCard({ order }: { order: Pick<OrderDetail, "shippingAddress" | "billingAddress"> }) {
  const { shippingAddress, billingAddress } = order;
  if (!shippingAddress && !billingAddress) return null;
  const billing = billingAddress && shippingAddress && sameAddress(billingAddress, shippingAddress) ? "Same as shipping address" : billingAddress;
  return (
    <Card data-testid="order-addresses">
      <CardHeader>
        <CardTitle>Addresses</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 sm:grid-cols-2 lg:grid-cols-1">
        {shippingAddress && <AddressBlock label="Shipping address" address={shippingAddress} testId="order-shipping-address" />}
        {billing && <AddressBlock label="Billing address" address={billing} testId="order-billing-address" />}
      </CardContent>
    </Card>
  );
}
