import { readFileSync } from "node:fs";
import protobuf from "protobufjs";
import type { SpecIssue } from "./openapi";

// Validation of REST JSON against a provider's protocol buffer definitions (Google APIs: GA4's
// Data API), by the proto3 JSON mapping (https://protobuf.dev/programming-guides/json/): fields
// in lowerCamelCase (the proto name is accepted too), 64-bit integers as decimal strings (numbers
// accepted), enums by name (numbers accepted), bytes as base64, well-known types in their special
// forms, null for "not set". Unknown fields are refused: a client that misspells one would
// otherwise be ignored in silence.

/** A protobufjs JSON descriptor (`protos.json`), fully resolved. */
export function loadProtoRoot(path: string): protobuf.Root {
  const root = protobuf.Root.fromJSON(JSON.parse(readFileSync(path, "utf8")) as protobuf.INamespace);
  root.resolveAll();
  return root;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const UINT32 = { min: 0, max: 2 ** 32 - 1 };
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const WRAPPERS: Record<string, string> = {
  DoubleValue: "double",
  FloatValue: "float",
  Int64Value: "int64",
  UInt64Value: "uint64",
  Int32Value: "int32",
  UInt32Value: "uint32",
  BoolValue: "bool",
  StringValue: "string",
  BytesValue: "bytes",
};

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function scalarIssue(type: string, value: unknown): string | undefined {
  const integer = (range?: { min: number; max: number }) => {
    const n = typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n)) return `must be an integer (${type})`;
    if (range && (n < range.min || n > range.max)) return `is out of range for ${type}`;
    return undefined;
  };
  switch (type) {
    case "double":
    case "float":
      if (typeof value === "number") return undefined;
      return typeof value === "string" && (/^(NaN|-?Infinity)$/.test(value) || (value.trim() !== "" && !Number.isNaN(Number(value)))) ? undefined : `must be a number (${type})`;
    case "int32":
    case "sint32":
    case "sfixed32":
      return integer(INT32);
    case "uint32":
    case "fixed32":
      return integer(UINT32);
    case "int64":
    case "sint64":
    case "sfixed64":
      return typeof value === "string" ? (/^-?\d+$/.test(value) ? undefined : `must be a decimal integer string (${type})`) : integer();
    case "uint64":
    case "fixed64":
      return typeof value === "string" ? (/^\d+$/.test(value) ? undefined : `must be a non-negative decimal integer string (${type})`) : integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    case "bool":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "string":
      return typeof value === "string" ? undefined : "must be a string";
    case "bytes":
      return typeof value === "string" && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value) ? undefined : "must be base64";
    default:
      return `has unknown scalar type ${type}`;
  }
}

function wellKnownIssues(type: protobuf.Type, value: unknown, where: string): SpecIssue[] | undefined {
  if (!type.fullName.startsWith(".google.protobuf.")) return undefined;
  const issue = (message: string) => [{ where, message }];
  const name = type.name;
  if (name in WRAPPERS) {
    const problem = scalarIssue(WRAPPERS[name]!, value);
    return problem ? issue(problem) : [];
  }
  switch (name) {
    case "Timestamp":
      return typeof value === "string" && RFC3339.test(value) ? [] : issue("must be an RFC 3339 timestamp string");
    case "Duration":
      return typeof value === "string" && /^-?\d+(\.\d{1,9})?s$/.test(value) ? [] : issue('must be a duration string such as "1.5s"');
    case "FieldMask":
      return typeof value === "string" ? [] : issue("must be a comma-separated field path string");
    case "Value":
      return [];
    case "ListValue":
      return Array.isArray(value) ? [] : issue("must be an array");
    case "Struct":
      return typeof value === "object" && value !== null && !Array.isArray(value) ? [] : issue("must be an object");
    case "Any":
      return typeof value === "object" && value !== null && typeof (value as Record<string, unknown>)["@type"] === "string" ? [] : issue('must be an object with "@type"');
    default:
      return undefined;
  }
}

function valueIssues(field: protobuf.Field, resolved: protobuf.Type | protobuf.Enum | null, value: unknown, where: string): SpecIssue[] {
  if (resolved instanceof protobuf.Type) return protoJsonIssues(resolved, value, where);
  if (resolved instanceof protobuf.Enum) {
    const known = typeof value === "string" ? value in resolved.values : typeof value === "number" && Object.values(resolved.values).includes(value);
    return known ? [] : [{ where, message: `must be one of ${Object.keys(resolved.values).join(", ")}` }];
  }
  const problem = scalarIssue(field.type, value);
  return problem ? [{ where, message: problem }] : [];
}

/** How `value` (parsed JSON) breaks the proto3 JSON form of `type`; empty when it does not. */
export function protoJsonIssues(type: protobuf.Type, value: unknown, where = "body"): SpecIssue[] {
  const special = wellKnownIssues(type, value, where);
  if (special) return special;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [{ where, message: `must be an object (${type.name})` }];
  const byJsonName = new Map<string, protobuf.Field>();
  for (const field of type.fieldsArray) byJsonName.set(field.name, field).set(snake(field.name), field);
  const issues: SpecIssue[] = [];
  const setInOneof = new Map<string, string[]>();
  for (const [key, item] of Object.entries(value)) {
    const field = byJsonName.get(key);
    const at = `${where}.${key}`;
    if (!field) {
      issues.push({ where: at, message: `is not a field of ${type.name}` });
      continue;
    }
    if (item === null) continue;
    if (field.partOf) setInOneof.set(field.partOf.name, [...(setInOneof.get(field.partOf.name) ?? []), key]);
    if (field instanceof protobuf.MapField) {
      if (typeof item !== "object" || Array.isArray(item)) issues.push({ where: at, message: "must be an object (a map)" });
      else
        for (const [mapKey, mapValue] of Object.entries(item as Record<string, unknown>)) {
          const keyProblem = field.keyType === "string" ? undefined : field.keyType === "bool" ? (/^(true|false)$/.test(mapKey) ? undefined : "must be true or false") : scalarIssue(field.keyType, mapKey);
          if (keyProblem) issues.push({ where: `${at}[${mapKey}]`, message: `key ${keyProblem}` });
          issues.push(...valueIssues(field, field.resolvedType, mapValue, `${at}[${mapKey}]`));
        }
    } else if (field.repeated) {
      if (!Array.isArray(item)) issues.push({ where: at, message: "must be an array" });
      else item.forEach((element, i) => issues.push(...valueIssues(field, field.resolvedType, element, `${at}[${i}]`)));
    } else issues.push(...valueIssues(field, field.resolvedType, item, at));
  }
  for (const [oneof, keys] of setInOneof) if (keys.length > 1) issues.push({ where, message: `sets ${keys.join(" and ")}, which are one of ${oneof}: at most one may be set` });
  return issues;
}
