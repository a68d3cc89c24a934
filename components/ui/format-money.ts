// Money arrives as decimal strings ("1234.5") with its ISO currency; formatted in that currency the
// way the request's locale writes it (en-US "$31.31", en-GB "US$31.31" where "$" alone would be
// ambiguous). Intl.NumberFormat takes the string itself, so no digit is lost to a float, and
// digits beyond the currency's own (a unit price of $0.125) are shown, not rounded away.
const formatters = new Map<string, Intl.NumberFormat | null>();

function formatterFor(locale: string, currency: string, fractionDigits: number): Intl.NumberFormat | null {
  const key = `${locale}|${currency}|${fractionDigits}`;
  if (!formatters.has(key)) {
    let formatter: Intl.NumberFormat | null;
    try {
      const standard = new Intl.NumberFormat(locale, { style: "currency", currency });
      const { minimumFractionDigits = 0, maximumFractionDigits = 0 } = standard.resolvedOptions();
      formatter =
        fractionDigits > maximumFractionDigits
          ? new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits, maximumFractionDigits: fractionDigits })
          : standard;
    } catch {
      // Not an ISO 4217 code: the caller falls back to "<amount> <code>".
      formatter = null;
    }
    formatters.set(key, formatter);
  }
  return formatters.get(key)!;
}

export function formatMoney(amount: string | null | undefined, currency: string | null | undefined, locale: string): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  if (!currency) return amount;
  const fractionDigits = /\.(\d+)$/.exec(amount)?.[1]?.length ?? 0;
  const formatter = formatterFor(locale, currency, Math.min(fractionDigits, 20));
  return formatter ? formatter.format(amount as Intl.StringNumericLiteral) : `${amount} ${currency}`;
}

const numbers = new Map<string, Intl.NumberFormat>();

/** A count with the locale's grouping ("12,345"; de-DE "12.345"), or a dash when unknown. */
export function formatQuantity(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return "—";
  let format = numbers.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale);
    numbers.set(locale, format);
  }
  return format.format(value);
}
