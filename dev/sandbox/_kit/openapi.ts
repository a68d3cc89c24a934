import type { IncomingHttpHeaders } from "node:http";
import { readFileSync } from "node:fs";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

// Request and response validation against a provider's published API description: OpenAPI 3.0
// (ShipBob) or Swagger 2.0 (Amazon SP-API). Schemas are turned into JSON Schema for Ajv with
// OpenAPI's own rules: `$ref` replaces its siblings, `nullable` (and Swagger's `x-nullable`) adds
// null, draft-04 boolean `exclusiveMinimum`/`exclusiveMaximum`, annotation keywords dropped.

/** One way a request or response breaks the spec; `where` names the part (`query.Limit`, `body/0/status`). */
export interface SpecIssue {
  where: string;
  message: string;
}

type Schema = Record<string, unknown>;
type ArrayStyle = "multi" | "csv" | "ssv" | "tsv" | "pipes";

interface Param {
  name: string;
  in: "query" | "header" | "path";
  required: boolean;
  schema: Schema;
  array?: ArrayStyle;
}

interface ResponseSpec {
  schema?: Schema;
  headers: { name: string; schema: Schema; required: boolean }[];
}

interface Operation {
  id?: string;
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  params: Param[];
  body?: { required: boolean; schema?: Schema };
  responses: Record<string, ResponseSpec>;
}

export interface RequestInput {
  query: URLSearchParams;
  headers: IncomingHttpHeaders | Record<string, string | undefined>;
  /** The parsed JSON body; undefined when the request has none. */
  body?: unknown;
}

export interface ResponseInput {
  status: number;
  headers?: Record<string, string | undefined>;
  body?: unknown;
}

export interface SpecOperation {
  id?: string;
  method: string;
  /** The path template of the spec (`/2026-01/order/{orderId}`). */
  template: string;
  pathParams: Record<string, string>;
  validateRequest(input: RequestInput): SpecIssue[];
  validateResponse(input: ResponseInput): SpecIssue[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch"];
const ANNOTATIONS = new Set(["example", "examples", "xml", "externalDocs", "discriminator", "readOnly", "writeOnly", "deprecated", "nullable", "x-nullable", "description", "title"]);
const SWAGGER_PARAM_SCHEMA = ["type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf"];
const SPEC_ID = "spec";

export interface OpenApiOptions {
  /** Query parameters the operation does not declare are refused (a connector's typo). Default true. */
  rejectUnknownQuery?: boolean;
}

export class OpenApiSpec {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<Schema, ValidateFunction>();
  private readonly definitions: Record<string, Schema> = {};
  private readonly swagger: boolean;

  static fromFile(path: string, options?: OpenApiOptions): OpenApiSpec {
    return new OpenApiSpec(JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>, options);
  }

  constructor(
    private readonly doc: Record<string, unknown>,
    private readonly options: OpenApiOptions = {},
  ) {
    this.swagger = doc.swagger === "2.0";
    if (!this.swagger && !String(doc.openapi ?? "").startsWith("3.0")) throw new Error(`Not an OpenAPI 3.0 or Swagger 2.0 document (openapi: ${String(doc.openapi)}, swagger: ${String(doc.swagger)})`);
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    const raw = (this.swagger ? doc.definitions : (doc.components as Schema | undefined)?.schemas) as Record<string, Schema> | undefined;
    for (const [name, schema] of Object.entries(raw ?? {})) this.definitions[name] = this.convert(schema);
    this.ajv.addSchema({ $id: SPEC_ID, definitions: this.definitions });
    const base = this.swagger ? String(doc.basePath ?? "").replace(/\/$/, "") : "";
    for (const [template, item] of Object.entries((doc.paths ?? {}) as Record<string, Schema>)) {
      for (const method of METHODS) if (item[method]) this.operations.push(this.readOperation(`${base}${template}`, method, item, item[method] as Schema));
    }
    // Literal segments win over templated ones (`/inventory-level/locations` over `/inventory-level/{id}`).
    this.operations.sort((a, b) => a.names.length - b.names.length);
  }

  /** The operation serving `method path`, with its path parameters; undefined when the spec has none. */
  operation(method: string, path: string): SpecOperation | undefined {
    for (const op of this.operations) {
      if (op.method !== method.toLowerCase()) continue;
      const found = op.pattern.exec(path);
      if (!found) continue;
      const pathParams = Object.fromEntries(op.names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
      return {
        id: op.id,
        method: op.method,
        template: op.template,
        pathParams,
        validateRequest: (input) => this.validateRequest(op, pathParams, input),
        validateResponse: (input) => this.validateResponse(op, input),
      };
    }
    return undefined;
  }

  // ---- reading the document ----------------------------------------------------------------

  private deref<T>(node: T): T {
    let current = node as Schema;
    for (let i = 0; typeof current?.$ref === "string" && i < 20; i++) {
      const path = (current.$ref as string).replace(/^#\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
      current = path.reduce<Schema>((at, key) => at?.[key] as Schema, this.doc);
    }
    return current as T;
  }

  private readOperation(template: string, method: string, item: Schema, op: Schema): Operation {
    const names: string[] = [];
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        names.push(name);
        return "([^/:]+)";
      })
      .join("");
    const declared = new Map<string, Schema>();
    for (const p of [...((item.parameters as Schema[]) ?? []), ...((op.parameters as Schema[]) ?? [])].map((p) => this.deref(p))) declared.set(`${String(p.in)}:${String(p.name)}`, p);
    const params: Param[] = [];
    let body: Operation["body"];
    for (const p of declared.values()) {
      if (p.in === "body") body = { required: p.required === true, schema: this.convert(p.schema as Schema) };
      else if (p.in === "query" || p.in === "header" || p.in === "path") params.push(this.param(p));
    }
    if (!this.swagger && op.requestBody) {
      const requestBody = this.deref(op.requestBody as Schema);
      body = { required: requestBody.required === true, schema: this.jsonSchemaOf(requestBody.content as Record<string, Schema> | undefined) };
    }
    const responses: Record<string, ResponseSpec> = {};
    for (const [status, raw] of Object.entries((op.responses ?? {}) as Record<string, Schema>)) {
      const response = this.deref(raw);
      const headers = Object.entries((response.headers ?? {}) as Record<string, Schema>).map(([name, h]) => {
        const header = this.deref(h);
        return { name: name.toLowerCase(), required: header.required === true, schema: this.convert(this.swagger ? pick(header, SWAGGER_PARAM_SCHEMA) : ((header.schema as Schema) ?? {})) };
      });
      const schema = this.swagger ? (response.schema ? this.convert(response.schema as Schema) : undefined) : this.jsonSchemaOf(response.content as Record<string, Schema> | undefined);
      responses[status.toUpperCase()] = { schema, headers };
    }
    return { id: op.operationId as string | undefined, method, template, pattern: new RegExp(`^${source}$`), names, params, body, responses };
  }

  private jsonSchemaOf(content: Record<string, Schema> | undefined): Schema | undefined {
    const media = Object.entries(content ?? {}).find(([type]) => /[/+]json\b|^\*\/\*$/.test(type));
    return media?.[1].schema ? this.convert(media[1].schema as Schema) : undefined;
  }

  private param(p: Schema): Param {
    const schema = this.convert(this.swagger ? pick(p, SWAGGER_PARAM_SCHEMA) : ((p.schema as Schema) ?? {}));
    const type = this.typeOf(schema);
    let array: ArrayStyle | undefined;
    if (type === "array") {
      if (this.swagger) array = ((p.collectionFormat as ArrayStyle | undefined) ?? "csv");
      else {
        const style = (p.style as string | undefined) ?? (p.in === "query" ? "form" : "simple");
        const explode = (p.explode as boolean | undefined) ?? style === "form";
        array = style === "spaceDelimited" ? "ssv" : style === "pipeDelimited" ? "pipes" : explode && p.in === "query" ? "multi" : "csv";
      }
    }
    return { name: String(p.name), in: p.in as Param["in"], required: p.required === true || p.in === "path", schema, array };
  }

  /** An OpenAPI schema as JSON Schema for Ajv. */
  private convert(node: unknown): Schema {
    if (typeof node !== "object" || node === null) return {};
    const schema = node as Schema;
    if (typeof schema.$ref === "string") {
      const name = schema.$ref.replace(/^#\/(components\/schemas|definitions)\//, "");
      return { $ref: `${SPEC_ID}#/definitions/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` };
    }
    const out: Schema = {};
    for (const [key, value] of Object.entries(schema)) {
      if (ANNOTATIONS.has(key) || key.startsWith("x-")) continue;
      if (key === "properties") out.properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, this.convert(v)]));
      else if (key === "items" || key === "not" || (key === "additionalProperties" && typeof value === "object")) out[key] = this.convert(value);
      else if (key === "allOf" || key === "anyOf" || key === "oneOf") out[key] = (value as unknown[]).map((v) => this.convert(v));
      else if (key === "format") {
        if (value && !this.ajv.formats[value as string]) this.ajv.addFormat(value as string, true);
        if (value) out.format = value;
      } else if (key === "type") {
        if (value !== "file") out.type = value;
      } else out[key] = value;
    }
    // Draft-04 booleans: `exclusiveMinimum: true` qualifies `minimum`.
    for (const [exclusive, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
      if (out[exclusive] === true) {
        out[exclusive] = out[bound];
        delete out[bound];
      } else if (out[exclusive] === false) delete out[exclusive];
    }
    return schema.nullable === true || schema["x-nullable"] === true ? { anyOf: [out, { type: "null" }] } : out;
  }

  /** The JSON type a converted schema expects, looking through refs and nullable. */
  private typeOf(schema: Schema): string | undefined {
    if (typeof schema.$ref === "string") return this.typeOf(this.definitions[(schema.$ref.split("/").pop() ?? "").replace(/~1/g, "/").replace(/~0/g, "~")] ?? {});
    if (typeof schema.type === "string") return schema.type;
    const inner = (schema.anyOf as Schema[] | undefined)?.find((s) => s.type !== "null");
    return inner ? this.typeOf(inner) : undefined;
  }

  private itemsOf(schema: Schema): Schema {
    if (schema.items) return schema.items as Schema;
    const inner = (schema.anyOf as Schema[] | undefined)?.find((s) => s.type !== "null");
    return inner ? this.itemsOf(inner) : {};
  }

  // ---- validating ---------------------------------------------------------------------------

  private check(schema: Schema, value: unknown, where: string): SpecIssue[] {
    let validate = this.compiled.get(schema);
    if (!validate) this.compiled.set(schema, (validate = this.ajv.compile(schema)));
    if (validate(value)) return [];
    return (validate.errors ?? []).filter((e) => e.keyword !== "anyOf" && !(e.keyword === "type" && e.params.type === "null")).map((e) => ({ where: `${where}${e.instancePath}`, message: describe(e) }));
  }

  /** A string from the URL or a header, as the type the schema expects. */
  private coerce(value: string, schema: Schema): unknown {
    const type = this.typeOf(schema);
    if ((type === "integer" || type === "number") && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return Number(value);
    if (type === "boolean" && (value === "true" || value === "false")) return value === "true";
    return value;
  }

  private paramValue(param: Param, values: string[]): unknown {
    if (!param.array) return this.coerce(values[0]!, param.schema);
    const separator = { csv: ",", ssv: " ", tsv: "\t", pipes: "|", multi: undefined }[param.array];
    const parts = separator === undefined ? values : values.flatMap((v) => v.split(separator));
    return parts.map((part) => this.coerce(part, this.itemsOf(param.schema)));
  }

  private validateRequest(op: Operation, pathParams: Record<string, string>, input: RequestInput): SpecIssue[] {
    const issues: SpecIssue[] = [];
    const header = (name: string) => {
      const value = input.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(", ") : value;
    };
    for (const param of op.params) {
      const where = `${param.in}.${param.name}`;
      const values = param.in === "query" ? input.query.getAll(param.name) : [param.in === "path" ? pathParams[param.name] : header(param.name)].filter((v): v is string => v !== undefined);
      if (!values.length) {
        if (param.required) issues.push({ where, message: "is required" });
        continue;
      }
      if (values.length > 1 && param.array !== "multi") issues.push({ where, message: "is given more than once" });
      else issues.push(...this.check(param.schema, this.paramValue(param, values), where));
    }
    if (this.options.rejectUnknownQuery ?? true) {
      const known = new Set(op.params.filter((p) => p.in === "query").map((p) => p.name));
      for (const name of new Set(input.query.keys())) if (!known.has(name)) issues.push({ where: `query.${name}`, message: "is not a parameter of this operation" });
    }
    if (input.body === undefined) {
      if (op.body?.required) issues.push({ where: "body", message: "is required" });
    } else if (!op.body) issues.push({ where: "body", message: "this operation takes no body" });
    else if (op.body.schema) issues.push(...this.check(op.body.schema, input.body, "body"));
    return issues;
  }

  private validateResponse(op: Operation, input: ResponseInput): SpecIssue[] {
    const spec = op.responses[String(input.status)] ?? op.responses[`${Math.floor(input.status / 100)}XX`] ?? op.responses.DEFAULT;
    if (!spec) return [{ where: "status", message: `${input.status} is not a response of ${op.method.toUpperCase()} ${op.template} (declared: ${Object.keys(op.responses).join(", ")})` }];
    const issues: SpecIssue[] = [];
    for (const header of spec.headers) {
      const value = Object.entries(input.headers ?? {}).find(([name]) => name.toLowerCase() === header.name)?.[1];
      if (value === undefined) {
        if (header.required) issues.push({ where: `header.${header.name}`, message: "is required" });
      } else issues.push(...this.check(header.schema, this.coerce(value, header.schema), `header.${header.name}`));
    }
    if (spec.schema) {
      if (input.body === undefined) issues.push({ where: "body", message: "is missing" });
      else issues.push(...this.check(spec.schema, input.body, "body"));
    }
    return issues;
  }
}

function pick(source: Schema, keys: string[]): Schema {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "enum") return `${error.message} (${(params.allowedValues as unknown[]).join(", ")})`;
  if (error.keyword === "additionalProperties") return `has ${String(params.additionalProperty)}, which the schema does not allow`;
  return error.message ?? error.keyword;
}
