// Money arrives as decimal strings ("1234.5") with its ISO currency; formatted in that currency
// with the app's fixed locale. Intl.NumberFormat takes the string itself, so no digit is lost to
// a float on the way.
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat | null {
  let formatter = formatters.get(currency);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat("en-GB", { style: "currency", currency });
    } catch {
      // Not an ISO 4217 code: the caller falls back to "<amount> <code>".
      return null;
    }
    formatters.set(currency, formatter);
  }
  return formatter;
}

export function formatMoney(amount: string | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  if (!currency) return amount;
  const formatter = formatterFor(currency);
  return formatter ? formatter.format(amount as Intl.StringNumericLiteral) : `${amount} ${currency}`;
}

const QUANTITY = new Intl.NumberFormat("en-GB");

export function formatQuantity(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : QUANTITY.format(value);
}
