import { z } from "zod";
import { containsNul } from "@/server/security/nul-bytes";
import { sortInput, twoWayPageInput, type Direction } from "@/server/services/pagination";
import { recordId, searchText } from "@/server/services/orders/schema";

export const INVENTORY_PAGE_SIZE = 50;

// The stock at a location sorts by available or on hand, lowest first (what needs attention leads);
// each on an index of InventoryLevel (workspace, connection, location, column, id).
export const INVENTORY_SORTS = { available: "asc", onHand: "asc" } as const satisfies Record<string, Direction>;
export type InventorySort = keyof typeof INVENTORY_SORTS;

export const findInventoryLevelsInput = z.object({
  ...twoWayPageInput,
  ...sortInput(INVENTORY_SORTS),
  limit: z.number().int().min(1).max(100).default(INVENTORY_PAGE_SIZE),
  locationId: recordId,
  search: searchText.optional(),
  // Low stock: only rows whose available quantity is at most this.
  lowStockAt: z.number().int("Enter a whole number.").min(-1_000_000).max(1_000_000).optional(),
});
export type FindInventoryLevelsInput = z.infer<typeof findInventoryLevelsInput>;

// The By SKU view: which SKUs to show. "discrepancies": known to both the store and the 3PL,
// with the store's available and the 3PL's fulfillable apart by more than the threshold;
// "one-system": known to only one of them.
export const INVENTORY_SKU_SHOW = ["all", "discrepancies", "one-system"] as const;
export type InventorySkuShow = (typeof INVENTORY_SKU_SHOW)[number];

// The By SKU view's sorts and the direction each starts in: SKU and title A first, the store's and
// the 3PL's stock lowest first (what needs attention leads), the difference largest first. Every
// sort breaks ties on the SKU; a SKU known to one system only has no difference and comes last in
// both directions (find-inventory-by-sku.ts).
export const INVENTORY_SKU_SORTS = { sku: "asc", title: "asc", storeAvailable: "asc", fulfillable: "asc", difference: "desc" } as const satisfies Record<string, Direction>;
export type InventorySkuSort = keyof typeof INVENTORY_SKU_SORTS;

/** Where a page of the By SKU view starts or ends: a row's SKU and its value in the sort (none for the SKU sort). */
export type SkuKey = { value: string | number | null; sku: string };

// A key holds a SKU and, sorted by title, a product title: either can be longer than the 200
// characters of other lists' cursors.
const SKU_CURSOR_MAX = 2000;
const skuCursor = z.string().min(1).max(SKU_CURSOR_MAX).optional();

const isKeyText = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length <= 1000 && !containsNul(value);
const isQuantity = (value: unknown): value is number => Number.isSafeInteger(value);

// What each sort's key value may be: a forged or stale cursor is refused before any query.
const KEY_VALUE: Record<InventorySkuSort, (value: unknown) => boolean> = {
  sku: (value) => value === null,
  title: isKeyText,
  storeAvailable: isQuantity,
  fulfillable: isQuantity,
  difference: (value) => value === null || isQuantity(value),
};

// Cursors are opaque base64url JSON, [sort, value, sku]. This file is shared with the browser, so
// no Buffer: TextEncoder and btoa exist in both.
export function encodeSkuCursor(sort: InventorySkuSort, key: SkuKey): string {
  const bytes = new TextEncoder().encode(JSON.stringify([sort, key.value, key.sku]));
  return btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join("")).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The key a cursor holds for `sort`; undefined for anything else (malformed, or made in another sort). */
export function decodeSkuCursor(sort: InventorySkuSort, raw: string): SkuKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  let parsed: unknown;
  try {
    const binary = atob(raw.replaceAll("-", "+").replaceAll("_", "/"));
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
  const [name, value, sku] = parsed as unknown[];
  if (name !== sort || !isKeyText(sku) || !KEY_VALUE[sort](value)) return undefined;
  return { value: value as SkuKey["value"], sku };
}

/** The By SKU view's filters and sort: what its pages read and what its export takes. */
const inventorySkuList = {
  ...sortInput(INVENTORY_SKU_SORTS),
  search: searchText.optional(),
  show: z.enum(INVENTORY_SKU_SHOW).default("all"),
  threshold: z.number().int("Enter a whole number.").min(0, "Enter zero or more.").max(1_000_000).default(0),
};

export const findInventoryBySkuInput = z
  .object({
    ...inventorySkuList,
    cursor: skuCursor,
    before: skuCursor,
    limit: z.number().int().min(1).max(100).default(INVENTORY_PAGE_SIZE),
  })
  .superRefine((input, ctx) => {
    if (input.cursor && input.before) ctx.addIssue({ code: "custom", path: ["before"], message: "Give a page cursor or a before cursor, not both." });
    for (const field of ["cursor", "before"] as const) {
      const raw = input[field];
      if (raw && !decodeSkuCursor(input.sort ?? "sku", raw)) ctx.addIssue({ code: "custom", path: [field], message: "Invalid page cursor." });
    }
  });
export type FindInventoryBySkuInput = z.infer<typeof findInventoryBySkuInput>;
