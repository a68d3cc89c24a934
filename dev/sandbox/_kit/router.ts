import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpAnswer } from "./http";

export interface RouteContext {
  url: URL;
  /** The `{name}` segments of the route's pattern, decoded. */
  params: Record<string, string>;
}

/** Writes the response itself, or returns an answer for the server to send. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, ctx: RouteContext) => Promise<HttpAnswer | void> | HttpAnswer | void;

interface Route {
  methods: ReadonlySet<string>;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

/**
 * Routes by method and path pattern. Patterns are paths with `{name}` segments, as in OpenAPI and
 * Google's HTTP rules (`/v1beta/properties/{property}:runReport`): a `{name}` matches up to the
 * next `/` or the literal text after it. The first route added that matches wins.
 */
export class Router {
  private readonly routes: Route[] = [];

  on(methods: string | string[], pattern: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = pattern
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const name = /^\{([^}]+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        names.push(name);
        return "([^/]+?)";
      })
      .join("");
    this.routes.push({ methods: new Set([methods].flat().map((m) => m.toUpperCase())), pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (!route.methods.has(method.toUpperCase())) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1]!)));
      return { handler: route.handler, params };
    }
    return undefined;
  }
}
