import { GraphQLError } from "graphql";
import type { ConnectionArgs, LazyConnection } from "./connection";
import type { SandboxShop } from "./shop";
import { hasScope } from "./scopes";
import { compileSearch, SearchSyntaxError, type SearchSpec } from "./search-query";
import type { ViewContext } from "./views";

const SIXTY_DAYS = 60 * 86_400_000;

/** A connection a bulk operation walks whole (normal queries get a page instead). */
export class AllNodes {
  /** Checked instead of instanceof, which fails when a module is loaded twice (CJS and ESM). */
  readonly allNodes = true;
  constructor(
    readonly connection: LazyConnection<unknown>,
    readonly reverse: boolean,
  ) {}
}

export function isAllNodes(value: unknown): value is AllNodes {
  return typeof value === "object" && value !== null && (value as { allNodes?: unknown }).allNodes === true;
}

/** A `query:` argument as a predicate; syntax errors are answered as GraphQL errors. */
export function searchMatcher<T>(query: string | null | undefined, spec: SearchSpec<T>): (item: T) => boolean {
  try {
    return compileSearch(query, spec).matches;
  } catch (error) {
    if (error instanceof SearchSyntaxError) throw new GraphQLError(error.message, { extensions: { code: "BAD_REQUEST" } });
    throw error;
  }
}

/** What resolvers see for one request or bulk operation. */
export interface ExecContext extends ViewContext {
  shop: SandboxShop;
  scopes: ReadonlySet<string>;
  bulk: boolean;
  /** Actual query cost, accumulated while resolving. */
  actualCost: number;
}

export function createExecContext(shop: SandboxShop, scopes: ReadonlySet<string>, bulk: boolean): ExecContext {
  const now = shop.clock.now();
  const allOrders = hasScope(scopes, "read_all_orders");
  return {
    shop,
    store: shop.store,
    currency: shop.currency,
    scopes,
    bulk,
    actualCost: 0,
    paginate<T>(connection: LazyConnection<T>, args: ConnectionArgs) {
      return bulk ? new AllNodes(connection as LazyConnection<unknown>, !!args.reverse) : connection.page(args);
    },
    orderVisible: (order) => allOrders || order.createdAt >= now - SIXTY_DAYS,
    search: searchMatcher,
  };
}
