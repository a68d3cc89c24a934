import {
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * Shopify's published cost model (https://shopify.dev/docs/api/usage/limits#cost-calculation):
 * scalars and enums 0; objects 1; connections 2 plus `first`/`last` × the cost of one node;
 * lists that take `first` cost `first` × the item; every mutation field 10. Interface/union
 * fragments count the most expensive branch. `edges`/`pageInfo` wrappers are free.
 */
export const MUTATION_COST = 10;
export const CONNECTION_OVERHEAD = 2;

export function isConnectionType(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.name.endsWith("Connection") && "edges" in type.getFields();
}

function isFreeWrapper(type: GraphQLNamedType): boolean {
  return type.name === "PageInfo" || (isObjectType(type) && type.name.endsWith("Edge") && "node" in type.getFields());
}

export function requestedQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  if (operation.operation === "mutation") {
    return operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && !s.name.value.startsWith("__")).length * MUTATION_COST;
  }
  const root = operation.operation === "subscription" ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;

  function sizeArg(field: { arguments?: readonly { name: { value: string }; value: import("graphql").ValueNode }[] }): number {
    for (const arg of field.arguments ?? []) {
      if (arg.name.value === "first" || arg.name.value === "last") {
        const v = valueFromAST(arg.value, schema.getType("Int") as import("graphql").GraphQLInputType, variables);
        return typeof v === "number" ? v : 0;
      }
    }
    return 0;
  }

  function selectionCost(set: SelectionSetNode | undefined, parent: GraphQLCompositeType, multiplyConnection?: number): number {
    if (!set) return 0;
    let own = 0;
    const branches: number[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith("__") || !("getFields" in parent)) continue;
        const def = parent.getFields()[name];
        if (!def) continue;
        const named = getNamedType(def.type);
        if (isLeafType(named)) continue;
        const composite = named as GraphQLCompositeType;
        if (isConnectionType(named)) {
          const size = sizeArg(sel);
          own += CONNECTION_OVERHEAD + selectionCost(sel.selectionSet, composite, size);
        } else if (multiplyConnection !== undefined && (name === "edges" || name === "nodes")) {
          // Inside a connection: one node's cost, times the page size.
          const perNode = selectionCost(sel.selectionSet, composite);
          own += multiplyConnection * (name === "nodes" ? 1 + perNode : perNode);
        } else if (isFreeWrapper(named)) {
          own += selectionCost(sel.selectionSet, composite);
        } else if (name === "node" && multiplyConnection === undefined && isFreeWrapper(parent)) {
          own += 1 + selectionCost(sel.selectionSet, composite);
        } else {
          const list = isListType(getNullableType(def.type));
          const times = list ? Math.max(1, sizeArg(sel)) : 1;
          own += times * (1 + selectionCost(sel.selectionSet, composite));
        }
      } else {
        const typeName = sel.kind === Kind.INLINE_FRAGMENT ? sel.typeCondition?.name.value : fragments[sel.name.value]?.typeCondition.name.value;
        const set2 = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments[sel.name.value]?.selectionSet;
        const type = (typeName ? schema.getType(typeName) : parent) as GraphQLCompositeType | undefined;
        if (!type || !set2) continue;
        const cost = selectionCost(set2, type, multiplyConnection);
        if (type === parent || (isInterfaceType(type) && isObjectType(parent))) own += cost;
        else branches.push(cost);
      }
    }
    return own + (branches.length ? Math.max(...branches) : 0);
  }

  return selectionCost(operation.selectionSet, root);
}

/** Actual cost: what execution really touched. Called by the field resolver for every value. */
export function actualCostOf(value: unknown, returnType: GraphQLNamedType, parentType: string, fieldName: string): number {
  if (value == null || isLeafType(returnType)) return 0;
  if (isConnectionType(returnType)) return CONNECTION_OVERHEAD;
  if (isFreeWrapper(returnType)) return 0;
  if (fieldName === "edges" || fieldName === "pageInfo") return 0;
  if (parentType.endsWith("Edge") && fieldName === "node") return 1;
  return Array.isArray(value) ? value.length : 1;
}
