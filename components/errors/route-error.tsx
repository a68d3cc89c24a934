"use client";

import * as Sentry from "@sentry/nextjs";
import { useEffect } from "react";
import { ErrorState } from "@/components/ui/alert";
import { errorDigestOf } from "./error-digest";

// The body of every error.tsx: reports the error (a no-op unless Sentry was initialised with a
// DSN) and offers a retry of the failed segment.
export function RouteError({
  error,
  retry,
  title,
  className,
}: {
  error: unknown;
  retry: () => void;
  title?: string;
  className?: string;
}) {
  useEffect(() => {
    Sentry.captureException(error);
  }, [error]);

  return <ErrorState title={title} message={errorDigestOf(error)} onRetry={retry} className={className} />;
}
