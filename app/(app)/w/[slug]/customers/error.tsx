"use client";

import { RouteError } from "@/components/errors/route-error";
import { Card } from "@/components/ui/card";

export default function CustomersError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Card>
      <RouteError error={error} retry={retry} title="Customers could not be loaded" />
    </Card>
  );
}
