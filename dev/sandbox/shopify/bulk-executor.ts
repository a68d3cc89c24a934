import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLEnumType,
  GraphQLIncludeDirective,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  GraphQLSkipDirective,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";
import { isConnectionType } from "./cost";
import { isAllNodes, type AllNodes, type ExecContext } from "./exec-context";
import { accessDeniedError, hasScope, requiredScope } from "./scopes";

export class BulkQueryError extends Error {}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  ctx: ExecContext;
  /** The same selections are walked for every record: how to fill each is worked out once. */
  plans: WeakMap<SelectionSetNode, Map<string, PlannedField[]>>;
  /** Lines emitted so far. */
  lines: number;
}

interface PlannedField {
  key: string;
  name: string;
  field: FieldNode;
  def: GraphQLField<unknown, unknown> | undefined;
  scope: string | undefined;
  type: GraphQLOutputType | undefined;
  leaf: boolean;
  /** Bulk queries take no variables, so a field's arguments are the same for every record. */
  args: Record<string, unknown> | undefined;
  /** Merged sub-selection (objects) or the node selection (connections). */
  selection: SelectionSetNode;
  connectionSelection: SelectionSetNode | undefined;
}

interface PendingConnection {
  nodes: AllNodes;
  selection: SelectionSetNode;
  /** The id of the nearest object around the connection: its nodes' `__parentId`. */
  parentId: string | undefined;
}

export interface BulkLine {
  line: string;
  root: boolean;
  /** The line's number in grouped order, and the number of the line its __parentId points into (children only). */
  ref: number;
  parentRef?: number;
}

/**
 * Runs a bulk query the way Shopify writes its grouped JSONL (see bulk-ungrouped.ts for the other
 * order): one line per node of the top-level connection; nodes of nested connections on their own
 * lines (right after their parent) with
 * `__parentId` (the id of the nearest enclosing object: the line's record, or an inline object
 * with an id such as a refund); non-connection objects inline. No page sizes and no cost limit apply.
 */
export function* bulkLines(schema: GraphQLSchema, document: DocumentNode, root: Record<string, unknown>, ctx: ExecContext): Generator<BulkLine> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== "query") throw new BulkQueryError("Bulk queries must contain one query operation.");
  const walk: Walk = { schema, fragments, variables: {}, ctx, plans: new WeakMap(), lines: 0 };
  const topLevel: Record<string, unknown> = {};
  const pending: PendingConnection[] = [];
  fillObject(walk, root, schema.getQueryType()!, operation.selectionSet, topLevel, pending, undefined);
  for (const p of pending) {
    for (const node of p.nodes.connection.all(p.nodes.reverse)) yield* emitObject(walk, node as Record<string, unknown>, p.selection, undefined);
  }
}

function* emitObject(walk: Walk, obj: Record<string, unknown>, selection: SelectionSetNode, parentId: string | undefined, parentRef?: number): Generator<BulkLine> {
  const type = concreteType(walk.schema, obj);
  const line: Record<string, unknown> = {};
  const pending: PendingConnection[] = [];
  const id = obj.id as string | undefined;
  fillObject(walk, obj, type, selection, line, pending, id);
  if (pending.length && line.id === undefined && id !== undefined) line.id = id;
  if (parentId !== undefined) line.__parentId = parentId;
  const ref = ++walk.lines;
  yield { line: JSON.stringify(line), root: parentId === undefined, ref, parentRef };
  for (const p of pending) {
    for (const node of p.nodes.connection.all(p.nodes.reverse)) yield* emitObject(walk, node as Record<string, unknown>, p.selection, p.parentId, ref);
  }
}

const objectTypes = new WeakMap<GraphQLSchema, Map<string, GraphQLObjectType>>();

function concreteType(schema: GraphQLSchema, obj: Record<string, unknown>): GraphQLObjectType {
  let byName = objectTypes.get(schema);
  if (!byName) objectTypes.set(schema, (byName = new Map()));
  const name = obj.__typename as string;
  let type = byName.get(name);
  if (!type) {
    const found = schema.getType(name);
    if (!isObjectType(found)) throw new BulkQueryError(`Unknown object type ${String(name)}`);
    byName.set(name, (type = found));
  }
  return type;
}

function planFor(walk: Walk, type: GraphQLObjectType, selection: SelectionSetNode): PlannedField[] {
  let byType = walk.plans.get(selection);
  if (!byType) walk.plans.set(selection, (byType = new Map()));
  let plan = byType.get(type.name);
  if (plan) return plan;
  plan = [];
  for (const [key, nodes] of collectFields(walk, type, selection)) {
    const field = nodes[0]!;
    const name = field.name.value;
    const def = name === "__typename" ? undefined : type.getFields()[name];
    const named = def ? getNamedType(def.type) : undefined;
    plan.push({
      key,
      name,
      field,
      def,
      scope: requiredScope(type.name, name),
      type: def?.type,
      leaf: !!named && isLeafType(named),
      args: undefined,
      selection: mergeSelections(nodes),
      connectionSelection: named && isConnectionType(named) ? nodeSelection(walk, named as GraphQLObjectType, nodes) : undefined,
    });
  }
  byType.set(type.name, plan);
  return plan;
}

function fillObject(
  walk: Walk,
  obj: Record<string, unknown>,
  type: GraphQLObjectType,
  selection: SelectionSetNode,
  target: Record<string, unknown>,
  pending: PendingConnection[],
  ownerId: string | undefined,
): void {
  for (const f of planFor(walk, type, selection)) {
    if (!f.def) {
      target[f.key] = type.name;
      continue;
    }
    if (f.scope && !hasScope(walk.ctx.scopes, f.scope)) throw accessDeniedError(f.name, f.scope);
    const raw = obj[f.name];
    if (raw === undefined) throw new BulkQueryError(`The sandbox does not implement ${type.name}.${f.name}`);
    let value: unknown = raw;
    if (typeof raw === "function") {
      f.args ??= getArgumentValues(f.def, f.field, walk.variables);
      value = (raw as (args: unknown, ctx: unknown) => unknown).call(obj, f.args, walk.ctx);
    }
    if (isAllNodes(value)) pending.push({ nodes: value, selection: f.connectionSelection!, parentId: ownerId });
    else target[f.key] = value === null || f.leaf ? value : complete(walk, value as object, f.type!, f.selection, pending, ownerId);
  }
}

function complete(walk: Walk, value: unknown, type: GraphQLOutputType, selection: SelectionSetNode, pending: PendingConnection[], ownerId: string | undefined): unknown {
  if (value === null || value === undefined) return null;
  // Plain instanceof: graphql's is*Type predicates are slow on a miss outside production mode.
  const inner = type instanceof GraphQLNonNull ? (type.ofType as GraphQLOutputType) : type;
  if (inner instanceof GraphQLList) return (value as unknown[]).map((v) => complete(walk, v, inner.ofType as GraphQLOutputType, selection, pending, ownerId));
  if (inner instanceof GraphQLScalarType || inner instanceof GraphQLEnumType) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const id = (obj.id as string | undefined) ?? ownerId;
  const before = pending.length;
  fillObject(walk, obj, concreteType(walk.schema, obj), selection, out, pending, id);
  if (pending.length > before && out.id === undefined && obj.id !== undefined) out.id = obj.id;
  return out;
}

/** The selections under `edges { node { … } }` and `nodes { … }` of a connection field. */
function nodeSelection(walk: Walk, connectionType: GraphQLObjectType, fields: FieldNode[]): SelectionSetNode {
  const selections: SelectionNode[] = [];
  for (const field of fields) {
    for (const [, sub] of collectFields(walk, connectionType, field.selectionSet!)) {
      const name = sub[0]!.name.value;
      if (name === "nodes") for (const s of sub) selections.push(...s.selectionSet!.selections);
      if (name === "edges") {
        const edgeType = getNamedType(connectionType.getFields().edges!.type) as GraphQLObjectType;
        for (const s of sub) for (const [, nodeFields] of collectFields(walk, edgeType, s.selectionSet!)) {
          if (nodeFields[0]!.name.value === "node") for (const n of nodeFields) selections.push(...n.selectionSet!.selections);
        }
      }
    }
  }
  return { kind: Kind.SELECTION_SET, selections };
}

function mergeSelections(fields: FieldNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections: fields.flatMap((f) => f.selectionSet?.selections ?? []) };
}

function included(walk: Walk, node: SelectionNode): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
  return include?.if !== false;
}

function collectFields(walk: Walk, type: GraphQLObjectType, selection: SelectionSetNode, into = new Map<string, FieldNode[]>()): Map<string, FieldNode[]> {
  for (const sel of selection.selections) {
    if (!included(walk, sel)) continue;
    if (sel.kind === Kind.FIELD) {
      const key = sel.alias?.value ?? sel.name.value;
      into.set(key, [...(into.get(key) ?? []), sel]);
      continue;
    }
    const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : walk.fragments[sel.name.value];
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    const conditionType = condition ? walk.schema.getType(condition) : type;
    const applies = conditionType === type || (conditionType && isAbstractType(conditionType) && walk.schema.isSubType(conditionType, type));
    if (applies) collectFields(walk, type, fragment.selectionSet, into);
  }
  return into;
}

/**
 * Shopify's bulk query rules: at least one connection, at most five, nested at most two deep, none
 * inside a list field (a connection's own `edges`/`nodes` are its pages, not list fields), and no
 * top-level `node`/`nodes`. Like Shopify's userErrors, in Shopify's words; the first one broken.
 */
export function checkBulkRules(schema: GraphQLSchema, document: DocumentNode): string | null {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== "query") return "Bulk queries must contain a single query operation.";
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  let connections = 0;
  let deepest = 0;
  let connectionInList = false;
  let topLevelNode: string | undefined;
  const visit = (set: SelectionSetNode | undefined, type: GraphQLObjectType | null, depth: number, inList: boolean, top: boolean) => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind !== Kind.FIELD) {
        const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments[sel.name.value];
        const t = fragment?.typeCondition ? walkType(schema.getType(fragment.typeCondition.name.value)) : type;
        visit(fragment?.selectionSet, t, depth, inList, top);
        continue;
      }
      if (top && (sel.name.value === "node" || sel.name.value === "nodes")) topLevelNode ??= sel.name.value;
      const def = type && "getFields" in type ? type.getFields()[sel.name.value] : undefined;
      const named = def ? getNamedType(def.type) : undefined;
      const isConnection = !!named && isConnectionType(named);
      if (isConnection) {
        connections++;
        deepest = Math.max(deepest, depth + 1);
        if (inList) connectionInList = true;
      }
      const isList = !!def && isListType(getNullableType(def.type)) && !(type && isConnectionType(type));
      visit(sel.selectionSet, walkType(named), depth + (isConnection ? 1 : 0), inList || isList, false);
    }
  };
  visit(operation.selectionSet, schema.getQueryType()!, 0, false, true);
  if (topLevelNode) return `Bulk queries cannot contain a top level \`${topLevelNode}\` field.`;
  if (connections === 0) return "Bulk queries must contain at least one connection.";
  if (connections > 5) return "Bulk queries cannot contain more than 5 connections.";
  if (deepest > 2) return "Bulk queries cannot contain connections with a nesting depth greater than 2.";
  if (connectionInList) return "Queries that contain a connection field within a list field are not currently supported.";
  return null;
}

function walkType(type: unknown): GraphQLObjectType | null {
  return type && (isObjectType(type) || isAbstractType(type)) ? (type as GraphQLObjectType) : null;
}
