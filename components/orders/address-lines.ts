import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type PostalAddress = NonNullable<inferRouterOutputs<AppRouter>["order"]["get"]["shippingAddress"]>;

/**
 * Where the city, province and postal code go, by country: the way a parcel to that country is
 * addressed. Countries not listed write the postal code before the city, as most of Europe does.
 */
const LOCALITY: Record<string, (a: PostalAddress) => (string | null)[]> = {
  US: (a) => [[a.city && `${a.city},`, a.provinceCode ?? a.province, a.zip].filter(Boolean).join(" ")],
  CA: (a) => [[a.city, a.provinceCode ?? a.province, a.zip].filter(Boolean).join(" ")],
  AU: (a) => [[a.city, a.provinceCode ?? a.province, a.zip].filter(Boolean).join(" ")],
  // The city on its own line, the postcode on the next.
  GB: (a) => [a.city, a.zip],
};

const zipThenCity = (a: PostalAddress) => [[a.zip, a.city].filter(Boolean).join(" "), a.province];

/**
 * The lines of an address as they are written on a parcel: recipient, company, street, locality
 * by the country's convention, then the country named in the reader's language. Japan is written
 * from the largest place down: postal code, prefecture and city, then the street.
 */
export function addressLines(address: PostalAddress, locale: string): string[] {
  const country = countryName(address, locale);
  const lines =
    address.countryCode === "JP"
      ? [address.zip && `〒${address.zip}`, [address.province, address.city].filter(Boolean).join(" "), address.address1, address.address2, address.company, address.name, country]
      : [address.name, address.company, address.address1, address.address2, ...(LOCALITY[address.countryCode ?? ""] ?? zipThenCity)(address), country];
  return lines.filter((line): line is string => Boolean(line));
}

function countryName(address: PostalAddress, locale: string): string | null {
  if (!address.countryCode) return address.country;
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(address.countryCode) ?? address.country;
  } catch {
    // Not a region code Intl knows: the store's own name for it.
    return address.country;
  }
}

/** Whether two addresses are the same place and recipient (a billing address "same as shipping"). */
export function sameAddress(a: PostalAddress, b: PostalAddress): boolean {
  return (Object.keys(a) as (keyof PostalAddress)[]).every((part) => a[part] === b[part]);
}
