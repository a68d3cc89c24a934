// Minor units of every currency this runtime knows (ISO 4217 as Intl has it: USD 2, JPY 0, KWD 3),
// as two parallel arrays the reconciliation SQL unnests: a tolerance "in minor units" means cents
// for USD, yen for JPY and fils for KWD. A currency Intl does not know counts in hundredths.
export const DEFAULT_CURRENCY_EXPONENT = 2;

function exponentOf(code: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? DEFAULT_CURRENCY_EXPONENT;
}

const codes = Intl.supportedValuesOf("currency");

export const CURRENCY_EXPONENTS: { codes: string[]; exponents: number[] } = { codes, exponents: codes.map(exponentOf) };
