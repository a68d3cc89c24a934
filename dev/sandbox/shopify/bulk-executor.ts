import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";
import { isConnectionType } from "./cost";
import { AllNodes, type ExecContext } from "./exec-context";
import { accessDeniedError, hasScope, requiredScope } from "./scopes";

export class BulkQueryError extends Error {}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  ctx: ExecContext;
}

interface PendingConnection {
  nodes: AllNodes;
  selection: SelectionSetNode;
}

export interface BulkLine {
  line: string;
  root: boolean;
}

/**
 * Runs a bulk query the way Shopify writes its JSONL: one line per node of the top-level
 * connection; nodes of nested connections on their own lines (right after their parent) with
 * `__parentId`; non-connection objects inline. No page sizes and no cost limit apply.
 */
export function* bulkLines(schema: GraphQLSchema, document: DocumentNode, root: Record<string, unknown>, ctx: ExecContext): Generator<BulkLine> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== "query") throw new BulkQueryError("Bulk queries must contain one query operation.");
  const walk: Walk = { schema, fragments, variables: {}, ctx };
  const queryType = schema.getQueryType()!;
  const topLevel: Record<string, unknown> = {};
  const pending: PendingConnection[] = [];
  fillObject(walk, root, queryType, operation.selectionSet, topLevel, pending);
  for (const p of pending) {
    for (const node of p.nodes.connection.all(p.nodes.reverse)) yield* emitObject(walk, node as Record<string, unknown>, p.selection, undefined);
  }
}

function* emitObject(walk: Walk, obj: Record<string, unknown>, selection: SelectionSetNode, parentId: string | undefined): Generator<BulkLine> {
  const type = concreteType(walk.schema, obj);
  const line: Record<string, unknown> = {};
  const pending: PendingConnection[] = [];
  fillObject(walk, obj, type, selection, line, pending);
  const id = (line.id ?? obj.id) as string | undefined;
  if (pending.length && line.id === undefined && id !== undefined) line.id = id;
  if (parentId !== undefined) line.__parentId = parentId;
  yield { line: JSON.stringify(line), root: parentId === undefined };
  for (const p of pending) {
    for (const node of p.nodes.connection.all(p.nodes.reverse)) yield* emitObject(walk, node as Record<string, unknown>, p.selection, id);
  }
}

function concreteType(schema: GraphQLSchema, obj: Record<string, unknown>): GraphQLObjectType {
  const type = schema.getType(obj.__typename as string);
  if (!isObjectType(type)) throw new BulkQueryError(`Unknown object type ${String(obj.__typename)}`);
  return type;
}

function fillObject(
  walk: Walk,
  obj: Record<string, unknown>,
  type: GraphQLObjectType,
  selection: SelectionSetNode,
  target: Record<string, unknown>,
  pending: PendingConnection[],
): void {
  for (const [key, nodes] of collectFields(walk, type, selection)) {
    const field = nodes[0]!;
    const name = field.name.value;
    if (name === "__typename") {
      target[key] = type.name;
      continue;
    }
    const def = type.getFields()[name]!;
    const scope = requiredScope(type.name, name);
    if (scope && !hasScope(walk.ctx.scopes, scope)) throw accessDeniedError(name, scope);
    const raw = obj[name];
    if (raw === undefined) throw new BulkQueryError(`The sandbox does not implement ${type.name}.${name}`);
    const value = typeof raw === "function" ? (raw as (args: unknown, ctx: unknown) => unknown)(getArgumentValues(def, field, walk.variables), walk.ctx) : raw;
    if (value instanceof AllNodes) {
      pending.push({ nodes: value, selection: nodeSelection(walk, getNamedType(def.type) as GraphQLObjectType, nodes) });
      continue;
    }
    target[key] = complete(walk, value, def.type, mergeSelections(nodes), pending);
  }
}

function complete(walk: Walk, value: unknown, type: GraphQLOutputType, selection: SelectionSetNode, pending: PendingConnection[]): unknown {
  if (value === null || value === undefined) return null;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return (value as unknown[]).map((v) => complete(walk, v, inner.ofType, selection, pending));
  if (isLeafType(inner)) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  fillObject(walk, obj, concreteType(walk.schema, obj), selection, out, pending);
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

/** Shopify's bulk query rules: at least one connection, at most five, nested at most two deep. */
export function checkBulkRules(schema: GraphQLSchema, document: DocumentNode): string | null {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION || operation.operation !== "query") return "Bulk queries must contain a single query operation.";
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  let connections = 0;
  let deepest = 0;
  const visit = (set: SelectionSetNode | undefined, type: GraphQLObjectType | null, depth: number) => {
    if (!set) return;
    for (const sel of set.selections) {
      if (sel.kind !== Kind.FIELD) {
        const fragment = sel.kind === Kind.INLINE_FRAGMENT ? sel : fragments[sel.name.value];
        const t = fragment?.typeCondition ? walkType(schema.getType(fragment.typeCondition.name.value)) : type;
        visit(fragment?.selectionSet, t, depth);
        continue;
      }
      const def = type && "getFields" in type ? type.getFields()[sel.name.value] : undefined;
      const named = def ? getNamedType(def.type) : undefined;
      const isConnection = !!named && isConnectionType(named);
      if (isConnection) {
        connections++;
        deepest = Math.max(deepest, depth + 1);
      }
      visit(sel.selectionSet, walkType(named), depth + (isConnection ? 1 : 0));
    }
  };
  visit(operation.selectionSet, schema.getQueryType()!, 0);
  if (connections === 0) return "Bulk queries must contain at least one connection.";
  if (connections > 5) return "Bulk queries cannot contain more than 5 connections.";
  if (deepest > 2) return "Bulk queries cannot contain connections with a nesting depth greater than 2.";
  return null;
}

function walkType(type: unknown): GraphQLObjectType | null {
  return type && (isObjectType(type) || isAbstractType(type)) ? (type as GraphQLObjectType) : null;
}
