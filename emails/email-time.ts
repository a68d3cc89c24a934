import { formatDate, formatDateTime, formatDay, type Formats } from "@/components/ui/format";

// Emails show times as the app does (components/ui/format.ts): in the workspace's zone, named.
// No recipient stores a locale preference, so every email reads in one locale.
const EMAIL_LOCALE = "en-US";

const emailFormats = (timeZone: string): Formats => ({ locale: EMAIL_LOCALE, timeZone });

/** An ISO instant in the workspace's zone with its abbreviation: "Mar 12, 2026, 10:05 AM EDT". */
export function formatEmailTime(iso: string, timeZone: string): string {
  return formatDateTime(new Date(iso), emailFormats(timeZone));
}

/** The day an ISO instant falls on in the workspace's zone: "Mar 2, 2026". */
export function formatEmailDate(iso: string, timeZone: string): string {
  return formatDate(new Date(iso), emailFormats(timeZone));
}

/** A calendar day (YYYY-MM-DD: already a day of some zone, or a bank's own date): "Mar 2, 2026". */
export function formatEmailDay(day: string): string {
  return formatDay(day, EMAIL_LOCALE);
}
