// A generated order's shipping and billing addresses, drawn from their own random stream (seed,
// order index), so every other figure of the order is drawn exactly as before they existed. Some
// are written in their country's own script, some have no company, second line, province or
// phone (Shopify gives those parts as null), a point of sale order ships nowhere, and a billing
// address is mostly the shipping one.
import { rngFor, type Rng } from "../_kit/random";
import type { MailingAddressRecord } from "./records";

const PLACES: MailingAddressRecord[] = [
  { name: "Ada Lovelace", company: null, address1: "12 Marylebone High St", address2: "Flat 3", city: "London", province: null, provinceCode: null, zip: "W1U 4NR", country: "United Kingdom", countryCode: "GB", phone: "+44 20 7946 0018" },
  { name: "Grace Hopper", company: "Harbor Labs", address1: "1600 Pennsylvania Ave", address2: null, city: "Arlington", province: "Virginia", provinceCode: "VA", zip: "22202", country: "United States", countryCode: "US", phone: "+1 703-555-0142" },
  { name: "Katherine Johnson", company: null, address1: "88 Colorado Blvd", address2: "Suite 210", city: "Pasadena", province: "California", provinceCode: "CA", zip: "91101", country: "United States", countryCode: "US", phone: null },
  { name: "山田 花子", company: null, address1: "神南1-2-3", address2: "ハイツ渋谷 402", city: "渋谷区", province: "東京都", provinceCode: "JP-13", zip: "150-0041", country: "Japan", countryCode: "JP", phone: "+81 3-1234-5678" },
  { name: "Νίκος Παπαδόπουλος", company: null, address1: "Οδός Ερμού 25", address2: null, city: "Αθήνα", province: null, provinceCode: null, zip: "105 63", country: "Greece", countryCode: "GR", phone: null },
  { name: "Анна Иванова", company: "ООО «Север»", address1: "ул. Тверская, д. 7", address2: "кв. 12", city: "Москва", province: null, provinceCode: null, zip: "125009", country: "Russia", countryCode: "RU", phone: "+7 495 123-45-67" },
  { name: "Lena Schmidt", company: null, address1: "Torstraße 101", address2: null, city: "Berlin", province: null, provinceCode: null, zip: "10119", country: "Germany", countryCode: "DE", phone: "+49 30 1234567" },
  { name: "Chloé Martin", company: "Atelier Lumière", address1: "14 rue de Rivoli", address2: null, city: "Paris", province: null, provinceCode: null, zip: "75004", country: "France", countryCode: "FR", phone: null },
  { name: "Liam O'Connor", company: null, address1: "200 Queen St W", address2: "Unit 5", city: "Toronto", province: "Ontario", provinceCode: "ON", zip: "M5V 3X5", country: "Canada", countryCode: "CA", phone: "+1 416-555-0199" },
  { name: "Mia Wilson", company: null, address1: "45 George St", address2: null, city: "Sydney", province: "New South Wales", provinceCode: "NSW", zip: "2000", country: "Australia", countryCode: "AU", phone: null },
];

export type OrderAddresses = { shippingAddress: MailingAddressRecord | null; billingAddress: MailingAddressRecord | null };

/** What the sandbox served for every order before orders had addresses (state files of format 1 and 2). */
export const BEFORE_ADDRESSES: OrderAddresses = { shippingAddress: null, billingAddress: null };

/** A shipped order has a shipping address; its billing address is the same 80 % of the time, else another one, rarely none. */
export function generateAddresses(seed: number | string, index: number, shipped: boolean): OrderAddresses {
  const rng = rngFor(seed, "order-address", index);
  const shippingAddress = shipped ? pick(rng) : null;
  const draw = rng.next();
  const billingAddress = draw < 0.05 ? null : shippingAddress && draw < 0.85 ? { ...shippingAddress } : pick(rng);
  return { shippingAddress, billingAddress };
}

function pick(rng: Rng): MailingAddressRecord {
  return { ...rng.pick(PLACES) };
}

/** The recipient's name as Shopify also gives it: first word, then the rest. */
export function nameParts(a: MailingAddressRecord): { firstName: string | null; lastName: string | null } {
  const [firstName, ...rest] = a.name?.split(" ") ?? [];
  return { firstName: firstName ?? null, lastName: rest.length > 0 ? rest.join(" ") : null };
}
