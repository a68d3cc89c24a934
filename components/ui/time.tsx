"use client";

import { formatDate, formatDateTime, formatRelativeDays, zonedIso } from "./format";
import { useFormats } from "./formats";
import { useNow } from "./use-now";

/**
 * An instant in the workspace's zone: "Dec 2, 2026, 5:04 PM EST" (or the day alone with `date`),
 * its exact time with offset on hover and in `<time dateTime>`.
 */
export function Time({ value, date = false, className }: { value: Date; date?: boolean; className?: string }) {
  const formats = useFormats();
  const exact = zonedIso(value, formats.timeZone);
  return (
    <time dateTime={exact} title={`${exact} (${formats.timeZone})`} className={className}>
      {date ? formatDate(value, formats) : formatDateTime(value, formats)}
    </time>
  );
}

/**
 * "in 6 days", with the day on hover. The server and the hydrating browser show the day itself (they
 * may not agree on "now"); the relative wording replaces it once mounted.
 */
export function RelativeDays({ value }: { value: Date }) {
  const formats = useFormats();
  const now = useNow(false);
  const day = formatDate(value, formats);
  return (
    <time dateTime={zonedIso(value, formats.timeZone)} title={day}>
      {now ? formatRelativeDays(value, now, formats.locale) : day}
    </time>
  );
}
