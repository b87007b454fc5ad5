import type { IncomingHttpHeaders } from "node:http";

export interface SandboxRequest {
  method: string;
  /** The decoded path, without the query string. */
  path: string;
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Named segments (`:name`) and the rest of the path (`*name`) of the matched pattern. */
  params: Record<string, string>;
  body: Buffer;
  /** The route's name, as counted and as faults target it. */
  route: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or bytes as is. */
  body?: unknown;
}

export type RouteHandler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

interface Route {
  method: string;
  name: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

/**
 * A small router for the simulators. Patterns: `/oauth/token`, `/api1/x3/erp/:endpoint/:className`,
 * `/transactions/v5/data/*path` (the rest of the path, may contain slashes). Each route has a name
 * (default `METHOD pattern`) used by request counters and fault rules.
 */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, pattern: string, handler: RouteHandler, name = `${method} ${pattern}`): this {
    const keys: string[] = [];
    const source = pattern
      .split("/")
      .map((segment) => {
        if (segment.startsWith(":")) {
          keys.push(segment.slice(1));
          return "([^/]+)";
        }
        if (segment.startsWith("*")) {
          keys.push(segment.slice(1));
          return "(.*)";
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    this.#routes.push({ method: method.toUpperCase(), name, pattern: new RegExp(`^${source}$`), keys, handler });
    return this;
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.#routes) {
      if (route.method !== method.toUpperCase() && route.method !== "*") continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = found[index + 1] ?? "";
      });
      return { route, params };
    }
    return undefined;
  }
}
