import type { IncomingMessage } from "node:http";
import { readJson, type HttpAnswer } from "./http";
import type { OpenApiSpec, SpecIssue, SpecOperation } from "./openapi";
import type { RouteContext, RouteHandler } from "./router";

export interface SpecRouteContext extends RouteContext {
  operation: SpecOperation;
  /** The parsed JSON body (undefined when there is none). */
  body: unknown;
}

export interface SpecRouteOptions {
  spec: OpenApiSpec;
  /** The provider's answer to a request that breaks its spec: a 400 (or 422) naming the field. */
  invalidRequest(issues: SpecIssue[]): HttpAnswer;
}

/**
 * A route validated against the provider's spec both ways: a request that breaks it gets the
 * provider's 400 before the handler runs; a response that breaks it is a sandbox bug, answered
 * 500 with the issues (and logged), so the connector test that provoked it fails loudly instead
 * of the connector learning a shape the provider never sends.
 */
export function specRoute(options: SpecRouteOptions, handler: (req: IncomingMessage, ctx: SpecRouteContext) => Promise<HttpAnswer> | HttpAnswer): RouteHandler {
  return async (req, _res, ctx) => {
    const operation = options.spec.operation(req.method ?? "GET", ctx.url.pathname);
    if (!operation) throw new Error(`${req.method} ${ctx.url.pathname} is routed but the spec has no such operation`);
    const body = await readJson(req);
    const requestIssues = operation.validateRequest({ query: ctx.url.searchParams, headers: req.headers, body });
    if (requestIssues.length) return options.invalidRequest(requestIssues);
    const answer = await handler(req, { ...ctx, operation, body });
    const responseIssues = operation.validateResponse({ status: answer.status, headers: answer.headers, body: answer.body });
    if (!responseIssues.length) return answer;
    const summary = responseIssues.map((i) => `${i.where}: ${i.message}`).join("; ");
    console.error(`[sandbox] ${req.method} ${ctx.url.pathname} answered ${answer.status} in a shape the spec does not allow: ${summary}`);
    return { status: 500, body: { error: `The sandbox's response breaks the provider's spec (${operation.template}): ${summary}`, issues: responseIssues } };
  };
}
