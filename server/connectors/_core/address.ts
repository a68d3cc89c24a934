import { z } from "zod";

/**
 * A postal address as a store gives it: every part optional (a digital order's billing address
 * may be a country alone). `name` is the recipient as written on the parcel; the codes are the
 * ISO country code and the province's code where the country has them.
 */
export const postalAddress = z.object({
  name: z.string().nullable(),
  company: z.string().nullable(),
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  province: z.string().nullable(),
  provinceCode: z.string().nullable(),
  zip: z.string().nullable(),
  country: z.string().nullable(),
  countryCode: z.string().nullable(),
  phone: z.string().nullable(),
});

export type PostalAddress = z.infer<typeof postalAddress>;

const PARTS = Object.keys(postalAddress.shape) as (keyof PostalAddress)[];

/**
 * The address with blank parts as null, or null when no part is left: a store's empty address
 * object is no address.
 */
export function addressOrNull(parts: { [K in keyof PostalAddress]?: string | null | undefined }): PostalAddress | null {
  const entries = PARTS.map((part) => [part, parts[part]?.trim() || null] as const);
  return entries.some(([, value]) => value !== null) ? (Object.fromEntries(entries) as PostalAddress) : null;
}

/** A stored address (JSON written by ingest) read back; anything not of the shape reads as none. */
export function storedAddress(json: unknown): PostalAddress | null {
  const parsed = postalAddress.safeParse(json);
  return parsed.success ? parsed.data : null;
}
