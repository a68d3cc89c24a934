import {
  getNamedType,
  getNullableType,
  isListType,
  Kind,
  NoDeprecatedCustomRule,
  parse,
  specifiedRules,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type GraphQLSchema,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { requestedQueryCost } from "@/dev/sandbox/shopify/cost";
import { adminSchema } from "@/dev/sandbox/shopify/schema";
import { estimateRequestedCost } from "./cost";
import * as documents from "./documents";
import { PAYOUT_PAGE_SIZES } from "./payouts-streams";
import { PAGE_SIZES } from "./streams";

// Shopify's replacement (`events`) does not report order or customer deletions either; until the
// sync moves to it, this one deprecated field is knowingly used.
const ALLOWED_DEPRECATIONS = ["deletionEvents"];

type Sample = { name: string; source: string; bulk: boolean };

/** Every export of documents.ts, as the documents it is or builds: nothing escapes validation. */
function allDocuments(): Sample[] {
  const samples: Sample[] = [];
  for (const [name, value] of Object.entries(documents)) {
    if (typeof value === "string") samples.push({ name, source: value, bulk: false });
    else if (typeof value === "function") {
      const build = value as (since?: string) => string;
      samples.push({ name: `${name}()`, source: build(), bulk: true });
      samples.push({ name: `${name}(since)`, source: build("2026-03-01T00:00:00Z"), bulk: true });
    } else throw new Error(`documents.ts exports ${name}, which is neither a document nor a document builder`);
  }
  return samples;
}

let schema: GraphQLSchema;
beforeAll(() => {
  schema = adminSchema();
}, 60_000);

describe("connector GraphQL documents", () => {
  const samples = allDocuments();

  it("covers every export", () => {
    expect(samples.length).toBeGreaterThanOrEqual(Object.keys(documents).length);
  });

  it.each(samples.map((s) => [s.name, s] as const))("%s validates against the 2026-10 Admin schema", (_name, sample) => {
    const ast = parse(sample.source);
    expect(validate(schema, ast, specifiedRules).map((e) => e.message)).toEqual([]);
    const deprecated = validate(schema, ast, [NoDeprecatedCustomRule])
      .map((e) => e.message)
      .filter((m) => !ALLOWED_DEPRECATIONS.some((field) => m.includes(`.${field} is deprecated`)));
    expect(deprecated).toEqual([]);
  });

  const bulk = samples.filter((s) => s.bulk);
  it.each(bulk.map((s) => [s.name, s] as const))("%s obeys the bulk query rules", (_name, sample) => {
    // At least one and at most five connections, nested at most two deep, none inside a list.
    const typeInfo = new TypeInfo(schema);
    const stack: ("connection" | "list" | "object")[] = [];
    let connections = 0;
    let deepest = 0;
    const problems: string[] = [];
    visit(
      parse(sample.source),
      visitWithTypeInfo(typeInfo, {
        Field: {
          enter(node) {
            const def = typeInfo.getFieldDef();
            if (!def || !node.selectionSet) return;
            const named = getNamedType(def.type);
            const isConnection = named.name.endsWith("Connection");
            if (isConnection) {
              connections++;
              if (stack.includes("list")) problems.push(`${node.name.value} is a connection inside a list`);
              deepest = Math.max(deepest, stack.filter((k) => k === "connection").length + 1);
            }
            // A connection's own `edges`/`nodes` lists are its pages, not list fields.
            const isList = isListType(getNullableType(def.type)) && node.name.value !== "edges" && node.name.value !== "nodes";
            stack.push(isConnection ? "connection" : isList ? "list" : "object");
          },
          leave(node) {
            if (typeInfo.getFieldDef() && node.selectionSet) stack.pop();
          },
        },
      }),
    );
    expect(problems).toEqual([]);
    expect(connections).toBeGreaterThanOrEqual(1);
    expect(connections).toBeLessThanOrEqual(5);
    expect(deepest).toBeLessThanOrEqual(2);
  });

  const paged = samples.filter((s) => !s.bulk);
  it.each(paged.map((s) => [s.name, s] as const))("%s: the connector's cost estimate equals the schema-aware model", (_name, sample) => {
    const ast = parse(sample.source);
    const operation = ast.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error("no operation");
    for (const first of [1, PAGE_SIZES.orders, 250]) {
      expect(estimateRequestedCost(sample.source, { first })).toBe(requestedQueryCost(schema, operation, {}, { first }));
    }
  });

  it("keeps every page the connector sends under Shopify's 1000-point ceiling", () => {
    const pages: [string, number][] = [
      [documents.ORDERS_PAGE, PAGE_SIZES.orders],
      [documents.CUSTOMERS_PAGE, PAGE_SIZES.customers],
      [documents.PRODUCTS_PAGE, PAGE_SIZES.products],
      [documents.LOCATIONS_PAGE, PAGE_SIZES.locations],
      [documents.LOCATION_INVENTORY_LEVELS, PAGE_SIZES.inventoryLevels],
      [documents.DELETION_EVENTS_PAGE, PAGE_SIZES.deletionEvents],
      [documents.PAYOUTS_PAGE, PAYOUT_PAGE_SIZES.payouts],
      [documents.BALANCE_TRANSACTIONS_PAGE, PAYOUT_PAGE_SIZES.balanceTransactions],
      [documents.ORDER_LINE_ITEMS, 0],
      [documents.ORDERS_REFUNDS, 0],
      [documents.REFUND_LINE_ITEMS, 0],
      [documents.PRODUCT_VARIANTS, 0],
      [documents.LOCATION_IDS, 0],
    ];
    for (const [source, first] of pages) expect(estimateRequestedCost(source, { first }), source.slice(0, 40)).toBeLessThanOrEqual(1000);
  });
});
