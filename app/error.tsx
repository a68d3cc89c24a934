"use client";

import { RouteError } from "@/components/errors/route-error";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="flex min-h-dvh items-center justify-center p-6">
      <RouteError error={error} retry={retry} />
    </main>
  );
}
