"use client";

import "./globals.css";
import { RouteError } from "@/components/errors/route-error";

// Replaces the root layout when it fails, so it brings its own <html>, <body> and styles.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <title>Something went wrong · Meridian</title>
        <main className="flex min-h-dvh items-center justify-center p-6">
          <RouteError error={error} retry={retry} />
        </main>
      </body>
    </html>
  );
}
