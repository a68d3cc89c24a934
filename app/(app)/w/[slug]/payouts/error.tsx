"use client";

import { RouteError } from "@/components/errors/route-error";
import { Card } from "@/components/ui/card";

export default function PayoutsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Card>
      <RouteError error={error} retry={retry} title="Payouts could not be loaded" />
    </Card>
  );
}
