import {
  Kind,
  parse,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

/**
 * The requested cost of a document, computed from the document alone (product code has no
 * schema at runtime), with Shopify's published model: scalars and enums 0, objects 1,
 * connections 2 + `first`/`last` × one node, lists taking `first` that many × one item, each
 * mutation field 10. The document's shape tells the kinds apart: a leaf has no selection set, a
 * connection selects `edges`/`nodes`/`pageInfo` and is sized by `first`/`last`, and a fragment
 * on another type is one branch among several (the most expensive counts).
 * documents.test.ts checks the result against the schema-aware model for every document.
 */
export function estimateRequestedCost(document: string | DocumentNode, variables: Record<string, unknown> = {}): number {
  const ast = typeof document === "string" ? parsedDocument(document) : document;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of ast.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const operation = ast.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;
  if (operation.operation === "mutation") {
    return operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && !s.name.value.startsWith("__")).length * 10;
  }

  function size(args: readonly ArgumentNode[] | undefined): number | undefined {
    const arg = args?.find((a) => a.name.value === "first" || a.name.value === "last");
    return arg ? intValue(arg.value, variables) : undefined;
  }

  function isConnection(field: FieldNode): boolean {
    return !!field.selectionSet?.selections.some(
      (s) => s.kind === Kind.FIELD && (s.name.value === "edges" || s.name.value === "nodes" || s.name.value === "pageInfo"),
    );
  }

  function cost(set: SelectionSetNode | undefined, pageSize?: number, inEdge = false): number {
    if (!set) return 0;
    let own = 0;
    const branches: number[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (!sel.selectionSet || name.startsWith("__") || name === "pageInfo") continue;
        if (pageSize !== undefined && name === "edges") own += pageSize * cost(sel.selectionSet, undefined, true);
        else if (pageSize !== undefined && name === "nodes") own += pageSize * (1 + cost(sel.selectionSet));
        else if (inEdge && name === "node") own += 1 + cost(sel.selectionSet);
        else if (isConnection(sel)) own += 2 + cost(sel.selectionSet, size(sel.arguments) ?? 0);
        else own += Math.max(1, size(sel.arguments) ?? 1) * (1 + cost(sel.selectionSet));
      } else {
        const inner = sel.kind === Kind.INLINE_FRAGMENT ? sel.selectionSet : fragments[sel.name.value]?.selectionSet;
        const c = cost(inner, pageSize, inEdge);
        // Without a schema, a fragment on a named type is one branch among several.
        if (sel.kind === Kind.INLINE_FRAGMENT && !sel.typeCondition) own += c;
        else branches.push(c);
      }
    }
    return own + (branches.length ? Math.max(...branches) : 0);
  }

  return cost(operation.selectionSet);
}

function intValue(node: ValueNode, variables: Record<string, unknown>): number | undefined {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === "number" ? v : undefined;
  }
  return undefined;
}

const parsed = new Map<string, DocumentNode>();

function parsedDocument(source: string): DocumentNode {
  let ast = parsed.get(source);
  if (!ast) {
    ast = parse(source);
    parsed.set(source, ast);
  }
  return ast;
}
