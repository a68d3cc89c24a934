import { z } from "zod";
import { appRouter } from "@/server/api/root";
import type { ProcedureMeta } from "@/server/api/trpc";
import type { Action } from "@/server/auth/permissions";
import type { Caller } from "@/server/api/test-utils";

// Test support: enumerates the router's procedures and builds a valid input for any of them from
// its zod schema, so suites that sweep "every procedure" cover new ones without being edited.

export type ProcedureInfo = {
  path: string;
  type: "query" | "mutation" | "subscription";
  meta: ProcedureMeta | undefined;
  inputShape: Record<string, z.ZodType>;
};

type RawProcedure = { _def: { type: ProcedureInfo["type"]; meta?: ProcedureMeta; inputs: unknown[] } };

export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, RawProcedure>;
  return Object.entries(procedures).map(([path, procedure]) => {
    const inputShape: Record<string, z.ZodType> = {};
    for (const parser of procedure._def.inputs) {
      if (!(parser instanceof z.ZodObject)) throw new Error(`${path}: input parsers must be z.object(...) to be swept by tests`);
      Object.assign(inputShape, parser.shape);
    }
    return { path, type: procedure._def.type, meta: procedure._def.meta, inputShape };
  });
}

export type WorkspaceProcedureInfo = ProcedureInfo & { action: Action };

export function listWorkspaceProcedures(): WorkspaceProcedureInfo[] {
  return listProcedures().flatMap((p) => (p.meta?.workspace && p.meta.action ? [{ ...p, action: p.meta.action }] : []));
}

// Fields that name a row: their value must come from a fixture, never be made up. A list of ids
// (`jobRunIds`) takes its one-row fixture (`jobRunId`).
export function isIdField(name: string): boolean {
  return name === "id" || /Ids?$/.test(name) || name === "token";
}

function idFixture(field: string, ids: Record<string, string>): string | string[] | undefined {
  if (field in ids || !field.endsWith("Ids")) return ids[field];
  const one = ids[field.slice(0, -1)];
  return one === undefined ? undefined : [one];
}

export function idFieldsOf(procedure: ProcedureInfo): string[] {
  return Object.keys(procedure.inputShape).filter(isIdField);
}

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  minLength?: number;
  minimum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
};

let counter = 0;

function sampleValue(schema: JsonSchema, field: string): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.length) return sampleValue(schema.anyOf[0]!, field);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "email" || /email/i.test(field)) return `sweep-${Date.now()}-${++counter}@example.test`;
      return `Sample ${field}`.padEnd(schema.minLength ?? 0, "x");
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    case "object":
      return Object.fromEntries((schema.required ?? []).map((key) => [key, sampleValue(schema.properties?.[key] ?? {}, key)]));
    default:
      throw new Error(`cannot sample field "${field}" of JSON schema type ${String(type)}; add a value fixture`);
  }
}

// A valid input for the procedure: the workspace slug, row ids from `ids` (an id field without a
// fixture fails loudly), chosen `values` for other fields, and samples for remaining required ones.
export function buildInput(
  procedure: ProcedureInfo,
  fixtures: { workspaceSlug?: string; ids: Record<string, string>; values?: Record<string, unknown> },
): Record<string, unknown> {
  const json = z.toJSONSchema(z.object(procedure.inputShape), { io: "input", unrepresentable: "any" }) as JsonSchema;
  const required = new Set(json.required ?? []);
  const input: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(json.properties ?? {})) {
    if (field === "workspaceSlug") {
      input[field] = fixtures.workspaceSlug;
    } else if (isIdField(field)) {
      const id = idFixture(field, fixtures.ids);
      if (id === undefined) {
        throw new Error(`${procedure.path}: id field "${field}" has no fixture; add one to the suite's id fixtures`);
      }
      input[field] = id;
    } else if (fixtures.values && field in fixtures.values) {
      input[field] = fixtures.values[field];
    } else if (required.has(field)) {
      input[field] = sampleValue(schema, field);
    }
  }
  return input;
}

export function callProcedure(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}
