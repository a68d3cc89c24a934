import type { IncomingMessage } from "node:http";
import type protobuf from "protobufjs";
import { readJson, type HttpAnswer } from "./http";
import type { SpecIssue } from "./openapi";
import { protoJsonIssues } from "./proto-json";
import type { RouteContext, RouteHandler, Router } from "./router";

/** One RPC's REST binding, from its `google.api.http` option. */
export interface HttpBinding {
  /** The RPC's name (`RunReport`). */
  rpc: string;
  method: string;
  /** The binding's template (`/v1beta/{property=properties/*}:runReport`). */
  template: string;
  /** The same as a kit Router pattern (`/v1beta/properties/{property.0}:runReport`). */
  pattern: string;
  /** Path variable → its value from the router's match (`properties/123`). */
  variables: Record<string, (params: Record<string, string>) => string>;
  /** `*`: the whole request message is the body; a field name: that field is; absent: no body. */
  body?: string;
  requestType: protobuf.Type;
  responseType: protobuf.Type;
}

/** The REST bindings of a service's RPCs (https://google.aip.dev/127); `**` variables are not supported. */
export function httpBindings(service: protobuf.Service): HttpBinding[] {
  const bindings: HttpBinding[] = [];
  for (const method of service.methodsArray) {
    method.resolve();
    const rule = (method.parsedOptions as Record<string, Record<string, string>>[] | undefined)?.find((o) => o["(google.api.http)"])?.["(google.api.http)"];
    const verb = rule && ["get", "post", "put", "patch", "delete"].find((v) => rule[v]);
    if (!rule || !verb) continue;
    const template = rule[verb]!;
    const variables: HttpBinding["variables"] = {};
    const pattern = template.replace(/\{([^}=]+)(?:=([^}]+))?\}/g, (_, name: string, path: string | undefined) => {
      const segments = path ?? "*";
      if (segments.includes("**")) throw new Error(`${method.name}: path variable ${name}=${segments} is not supported`);
      // Each `*` is one router parameter; the field's value is the path with them put back.
      let index = 0;
      const routed = segments.replace(/\*/g, () => `{${name}.${index++}}`);
      variables[name] = (params) => routed.replace(/\{([^}]+)\}/g, (_m, param: string) => params[param]!);
      return routed;
    });
    bindings.push({ rpc: method.name, method: verb.toUpperCase(), template, pattern, variables, body: rule.body, requestType: method.resolvedRequestType!, responseType: method.resolvedResponseType! });
  }
  return bindings;
}

export interface ProtoRouteContext extends RouteContext {
  /** The request message in proto3 JSON: the body, the path variables, and (GET) the query. */
  message: Record<string, unknown>;
}

/**
 * Registers an RPC's REST binding on a router, validated against its messages both ways: a
 * request that breaks the request message gets the provider's 400; a response that breaks the
 * response message is a sandbox bug, answered 500 with the issues. Error answers (status ≥ 400)
 * are the provider's own shape (google.rpc.Status) and are not checked against the response type.
 */
export function protoRoute(
  router: Router,
  binding: HttpBinding,
  options: { invalidRequest(issues: SpecIssue[]): HttpAnswer },
  handler: (req: IncomingMessage, ctx: ProtoRouteContext) => Promise<HttpAnswer> | HttpAnswer,
): void {
  const route: RouteHandler = async (req, _res, ctx) => {
    const body = binding.body ? await readJson(req) : undefined;
    const message: Record<string, unknown> = binding.body === "*" ? { ...((body as Record<string, unknown> | undefined) ?? {}) } : binding.body ? { [binding.body]: body } : {};
    if (!binding.body) for (const [key, value] of ctx.url.searchParams) message[key] = value;
    for (const [name, value] of Object.entries(binding.variables)) message[name] = value(ctx.params);
    const requestIssues = protoJsonIssues(binding.requestType, message, "request");
    if (requestIssues.length) return options.invalidRequest(requestIssues);
    const answer = await handler(req, { ...ctx, message });
    if (answer.status >= 400) return answer;
    const responseIssues = protoJsonIssues(binding.responseType, answer.body, "response");
    if (!responseIssues.length) return answer;
    const summary = responseIssues.map((i) => `${i.where}: ${i.message}`).join("; ");
    console.error(`[sandbox] ${binding.rpc} answered in a shape ${binding.responseType.name} does not allow: ${summary}`);
    return { status: 500, body: { error: `The sandbox's response breaks ${binding.responseType.name}: ${summary}`, issues: responseIssues } };
  };
  router.on(binding.method, binding.pattern, route);
}
