import {
  execute,
  getNamedType,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLTypeResolver,
} from "graphql";
import type { ThrottleStatus } from "./bucket";
import { actualCostOf, requestedQueryCost, MUTATION_COST } from "./cost";
import { createExecContext, type ExecContext } from "./exec-context";
import { queryRoot } from "./root";
import { adminSchema } from "./schema";
import { accessDeniedError, hasScope, requiredScope } from "./scopes";
import type { SandboxShop } from "./shop";

export const MAX_QUERY_COST = 1000;

export interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

type Json = Record<string, unknown>;

const fieldResolver: GraphQLFieldResolver<Record<string, unknown>, ExecContext> = (source, args, ctx, info) => {
  const scope = requiredScope(info.parentType.name, info.fieldName);
  if (scope && !hasScope(ctx.scopes, scope)) throw accessDeniedError(info.fieldName, scope);
  if (!(info.fieldName in source)) throw new GraphQLError(`The sandbox does not implement ${info.parentType.name}.${info.fieldName}.`, { extensions: { code: "NOT_IMPLEMENTED_IN_SANDBOX" } });
  const raw = source[info.fieldName];
  const value = typeof raw === "function" ? (raw as (a: unknown, c: unknown, i: unknown) => unknown).call(source, args, ctx, info) : raw;
  ctx.actualCost += actualCostOf(value, getNamedType(info.returnType), info.parentType.name, info.fieldName);
  return value;
};

const typeResolver: GraphQLTypeResolver<{ __typename?: string }, ExecContext> = (value) => value.__typename;

function costExtension(requested: number, actual: number | null, throttleStatus: ThrottleStatus): { cost: CostExtension } {
  return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus } };
}

/** The THROTTLED answer: HTTP 200, no data (clients that only look at 429 never notice). */
export function throttledResponse(requested: number, throttleStatus: ThrottleStatus): Json {
  return {
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
    extensions: costExtension(requested, null, throttleStatus),
  };
}

/** The cost a document would be charged up front (0 when it does not parse or validate). */
export function requestedCostOf(body: GraphqlRequestBody): number {
  try {
    const document = parse(String(body.query));
    const operation = getOperationAST(document, typeof body.operationName === "string" ? body.operationName : undefined);
    return operation ? requestedQueryCost(adminSchema(), operation, fragmentsOf(document), (body.variables as Json | undefined) ?? {}) : 0;
  } catch {
    return 0;
  }
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  return fragments;
}

/**
 * One Admin GraphQL request, answered like Shopify: parse and validation errors as 200 with
 * `errors`; the requested cost charged up front against the (app, shop) bucket and refunded down
 * to the actual cost; THROTTLED and MAX_COST_EXCEEDED without executing; `extensions.cost` always.
 */
export function runAdminGraphql(shop: SandboxShop, scopes: ReadonlySet<string>, body: GraphqlRequestBody): Json {
  const schema = adminSchema();
  if (typeof body.query !== "string" || !body.query.trim()) return { errors: [{ message: "No query string was present" }] };
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return { errors: [(error as GraphQLError).toJSON()] };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length) return { errors: validationErrors.map((e) => e.toJSON()) };
  const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) return { errors: [{ message: operationName ? `Unknown operation named "${operationName}".` : "An operation name is required" }] };
  const variables = body.variables && typeof body.variables === "object" ? (body.variables as Json) : {};

  const requested = requestedQueryCost(schema, operation, fragmentsOf(document), variables);
  if (requested > MAX_QUERY_COST) {
    return {
      errors: [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_QUERY_COST, documentation: "https://shopify.dev/api/usage/rate-limits" },
        },
      ],
      extensions: costExtension(requested, null, shop.bucket.status()),
    };
  }
  if (!shop.bucket.tryCharge(requested)) return throttledResponse(requested, shop.bucket.status());

  const ctx = createExecContext(shop, scopes, false);
  const result = execute({ schema, document, rootValue: queryRoot(ctx), contextValue: ctx, variableValues: variables, operationName, fieldResolver, typeResolver });
  if (result instanceof Promise) throw new Error("Sandbox resolvers are synchronous");
  const mutationFields = operation.operation === "mutation" ? operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && !s.name.value.startsWith("__")).length : 0;
  const actual = Math.min(requested, operation.operation === "mutation" ? mutationFields * MUTATION_COST : ctx.actualCost);
  shop.bucket.refund(requested - actual);
  const response: Json = {};
  if (result.errors?.length) response.errors = result.errors.map((e) => e.toJSON());
  response.data = result.data ?? null;
  response.extensions = costExtension(requested, actual, shop.bucket.status());
  return response;
}
