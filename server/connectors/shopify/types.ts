import { z } from "zod";
import { PermanentError } from "../_core/errors";

// The parts of Admin GraphQL payloads (pages and bulk JSONL lines) the connector reads, as zod
// schemas: a payload that does not match fails as a PermanentError naming the problem, instead
// of a TypeError deep inside the mapper. Unknown extra fields pass through unchecked.

const Id = z.string().min(1);
const Ref = z.object({ id: Id });
const DateTime = z.string().min(1);
/** UnsignedInt64 arrives as a string (JSON numbers lose precision past 2^53). */
const UInt64 = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);

export const MoneyV2 = z.object({ amount: z.string(), currencyCode: z.string() });
export const MoneyBag = z.object({ shopMoney: MoneyV2 });
export const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

function connection<T extends z.ZodType>(node: T) {
  return z.object({ pageInfo: PageInfo, nodes: z.array(node) });
}

export const LineItemNode = z.object({
  id: Id,
  sku: z.string().nullable(),
  title: z.string(),
  variantTitle: z.string().nullable(),
  quantity: z.number().int(),
  currentQuantity: z.number().int(),
  product: Ref.nullable(),
  variant: Ref.nullable(),
  originalUnitPriceSet: MoneyBag,
  discountedUnitPriceSet: MoneyBag,
});

export const RefundLineItemNode = z.object({
  quantity: z.number().int(),
  restockType: z.string().nullable(),
  lineItem: Ref,
  subtotalSet: MoneyBag,
});

export const RefundScalars = z.object({
  id: Id,
  note: z.string().nullable(),
  createdAt: DateTime.nullable(),
  processedAt: DateTime.nullable().optional(),
  totalRefundedSet: MoneyBag,
});

export const TransactionNode = z.object({
  id: Id,
  kind: z.string(),
  status: z.string(),
  gateway: z.string().nullable(),
  processedAt: DateTime.nullable(),
  parentTransaction: Ref.nullable(),
  amountSet: MoneyBag,
});

const nullableText = z.string().nullable();
const MailingAddress = z.object({
  name: nullableText,
  company: nullableText,
  address1: nullableText,
  address2: nullableText,
  city: nullableText,
  province: nullableText,
  provinceCode: nullableText,
  zip: nullableText,
  country: nullableText,
  countryCodeV2: nullableText,
  phone: nullableText,
});

export const OrderScalars = z.object({
  id: Id,
  name: z.string(),
  email: z.string().nullable(),
  createdAt: DateTime,
  updatedAt: DateTime,
  processedAt: DateTime.nullable(),
  cancelledAt: DateTime.nullable(),
  cancelReason: z.string().nullable(),
  closedAt: DateTime.nullable(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string().nullable(),
  currencyCode: z.string(),
  tags: z.array(z.string()),
  test: z.boolean(),
  customer: Ref.nullable(),
  subtotalPriceSet: MoneyBag.nullable(),
  totalTaxSet: MoneyBag.nullable(),
  totalDiscountsSet: MoneyBag.nullable(),
  totalPriceSet: MoneyBag,
  currentTotalPriceSet: MoneyBag.nullable(),
  totalRefundedSet: MoneyBag.nullable(),
  totalShippingPriceSet: MoneyBag,
  shippingAddress: MailingAddress.nullable(),
  billingAddress: MailingAddress.nullable(),
  sourceName: z.string().nullable(),
  app: z.object({ name: z.string() }).nullable(),
  customerJourneySummary: z
    .object({
      ready: z.boolean(),
      lastVisit: z
        .object({
          source: z.string(),
          sourceType: z.string().nullable(),
          utmParameters: z.object({ source: z.string().nullable(), medium: z.string().nullable() }).nullable(),
        })
        .nullable(),
    })
    .nullable(),
  transactions: z.array(TransactionNode),
});

/** An order as a page returns it: nested connections may have more behind them. */
export const OrderPageNode = OrderScalars.extend({
  lineItems: connection(LineItemNode),
  refunds: z.array(RefundScalars.extend({ refundLineItems: connection(RefundLineItemNode) })),
});

/** An order line of an orders bulk file: line items follow as their own lines. */
export const OrderBulkLine = OrderScalars.extend({ refunds: z.array(RefundScalars) });

export const OrdersPage = z.object({ orders: connection(OrderPageNode) });
export const OrderLineItemsPage = z.object({
  order: z.object({ id: Id, lineItems: connection(LineItemNode) }).nullable(),
});
export const OrdersRefunds = z.object({
  nodes: z.array(z.object({ id: Id, refunds: z.array(z.object({ id: Id, refundLineItems: connection(RefundLineItemNode) })) }).nullable()),
});
export const RefundLineItemsPage = z.object({
  refund: z.object({ id: Id, refundLineItems: connection(RefundLineItemNode) }).nullable(),
});

export const CustomerNode = z.object({
  id: Id,
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  state: z.string().nullable(),
  tags: z.array(z.string()),
  numberOfOrders: UInt64.nullable(),
  createdAt: DateTime,
  updatedAt: DateTime,
  amountSpent: MoneyV2.nullable(),
  defaultEmailAddress: z.object({ emailAddress: z.string() }).nullable(),
  defaultPhoneNumber: z.object({ phoneNumber: z.string() }).nullable(),
});
export const CustomersPage = z.object({ customers: connection(CustomerNode) });

export const VariantNode = z.object({
  id: Id,
  title: z.string(),
  sku: z.string().nullable(),
  barcode: z.string().nullable(),
  price: z.string(),
  compareAtPrice: z.string().nullable(),
  position: z.number().int().nullable(),
  updatedAt: DateTime,
  inventoryItem: Ref.nullable(),
});

export const ProductScalars = z.object({
  id: Id,
  title: z.string(),
  handle: z.string().nullable(),
  vendor: z.string().nullable(),
  productType: z.string().nullable(),
  status: z.string(),
  tags: z.array(z.string()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export const ProductPageNode = ProductScalars.extend({ variants: connection(VariantNode) });
export const ProductsPage = z.object({
  shop: z.object({ currencyCode: z.string() }),
  products: connection(ProductPageNode),
});
export const ProductVariantsPage = z.object({
  product: z.object({ id: Id, variants: connection(VariantNode) }).nullable(),
});
export const ShopCurrency = z.object({ shop: z.object({ currencyCode: z.string() }) });
export const ShopTimeZone = z.object({ shop: z.object({ ianaTimezone: z.string() }) });

export const LocationNode = z.object({
  id: Id,
  name: z.string(),
  isActive: z.boolean(),
  fulfillsOnlineOrders: z.boolean(),
  updatedAt: DateTime,
  address: z.object({
    address1: z.string().nullable(),
    city: z.string().nullable(),
    countryCode: z.string().nullable(),
    zip: z.string().nullable(),
  }),
});
export const LocationsPage = z.object({ locations: connection(LocationNode) });
export const LocationIdsPage = z.object({ locations: connection(Ref) });

export const InventoryLevelNode = z.object({
  updatedAt: DateTime,
  item: Ref,
  location: Ref,
  quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
});
export const LocationInventoryLevelsPage = z.object({
  location: z.object({ id: Id, inventoryLevels: connection(InventoryLevelNode) }).nullable(),
});

export const DeletionEventNode = z.object({ subjectType: z.string(), subjectId: Id, occurredAt: DateTime });
export const DeletionEventsPage = z.object({ deletionEvents: connection(DeletionEventNode) });

export const AccessScopes = z.object({
  currentAppInstallation: z.object({ accessScopes: z.array(z.object({ handle: z.string() })) }),
});

export const BulkOperationNode = z.object({
  id: Id,
  status: z.enum(["CREATED", "RUNNING", "COMPLETED", "FAILED", "CANCELING", "CANCELED", "EXPIRED"]),
  errorCode: z.string().nullable(),
  objectCount: UInt64,
  rootObjectCount: UInt64,
  fileSize: UInt64.nullable(),
  url: z.string().nullable(),
  partialDataUrl: z.string().nullable(),
  createdAt: DateTime,
  completedAt: DateTime.nullable(),
});
export const BulkOperationRun = z.object({
  bulkOperationRunQuery: z.object({
    bulkOperation: BulkOperationNode.nullable(),
    userErrors: z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string(), code: z.string().nullable() })),
  }),
});
export const BulkOperationPoll = z.object({ bulkOperation: BulkOperationNode.nullable() });
export const BulkOperationCancel = z.object({
  bulkOperationCancel: z.object({
    bulkOperation: BulkOperationNode.nullable(),
    userErrors: z.array(z.object({ field: z.array(z.string()).nullable(), message: z.string() })),
  }),
});

export type MoneyV2 = z.infer<typeof MoneyV2>;
export type MoneyBag = z.infer<typeof MoneyBag>;
export type MailingAddress = z.infer<typeof MailingAddress>;
export type LineItemNode = z.infer<typeof LineItemNode>;
export type RefundLineItemNode = z.infer<typeof RefundLineItemNode>;
export type RefundScalars = z.infer<typeof RefundScalars>;
export type TransactionNode = z.infer<typeof TransactionNode>;
export type OrderScalars = z.infer<typeof OrderScalars>;
export type OrderPageNode = z.infer<typeof OrderPageNode>;
export type OrderBulkLine = z.infer<typeof OrderBulkLine>;
export type CustomerNode = z.infer<typeof CustomerNode>;
export type VariantNode = z.infer<typeof VariantNode>;
export type ProductScalars = z.infer<typeof ProductScalars>;
export type LocationNode = z.infer<typeof LocationNode>;
export type InventoryLevelNode = z.infer<typeof InventoryLevelNode>;
export type DeletionEventNode = z.infer<typeof DeletionEventNode>;
export type BulkOperationNode = z.infer<typeof BulkOperationNode>;

/** Validates a payload, turning a mismatch into a PermanentError that names what was wrong. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new PermanentError(`Unexpected Shopify payload for ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}
