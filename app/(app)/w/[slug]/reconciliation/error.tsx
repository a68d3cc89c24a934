"use client";

import { RouteError } from "@/components/errors/route-error";
import { Card } from "@/components/ui/card";

export default function ReconciliationError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Card>
      <RouteError error={error} retry={retry} title="Reconciliation could not be loaded" />
    </Card>
  );
}
