"use client";

import { createContext, use, useMemo, type ReactNode } from "react";
import { DEFAULT_FORMATS, formatClock, formatDate, formatDateTime, formatDay, type Formats } from "./format";
import { formatMoney, formatQuantity } from "./format-money";

const FormatsContext = createContext<Formats>(DEFAULT_FORMATS);

// The workspace layout hands every client component the request's locale (decided on the server)
// and the workspace's zone, so the server's render and the browser's hydration agree.
export function FormatsProvider({ formats, children }: { formats: Formats; children: ReactNode }) {
  return <FormatsContext value={formats}>{children}</FormatsContext>;
}

export function useFormats(): Formats {
  return use(FormatsContext);
}

/** The formatting helpers with the request's locale and the workspace's zone filled in. */
export function useFormat() {
  const formats = useFormats();
  return useMemo(
    () => ({
      dateTime: (value: Date) => formatDateTime(value, formats),
      date: (value: Date) => formatDate(value, formats),
      clock: (value: Date, now: Date) => formatClock(value, now, formats),
      /** A calendar day (YYYY-MM-DD), or a dash for none. */
      day: (day: string | null, options?: { year?: boolean }) => (day ? formatDay(day, formats.locale, options) : "—"),
      money: (amount: string | null | undefined, currency: string | null | undefined) => formatMoney(amount, currency, formats.locale),
      quantity: (value: number | null | undefined) => formatQuantity(value, formats.locale),
    }),
    [formats],
  );
}
