import { randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { isConnectorError, type MappingKind, mappingKinds, type ReplayResult } from "@ml-connector/sync-core";
import { Hono } from "hono";
import { z } from "zod";
import { gapsCsv, mappingGaps } from "./gaps.js";
import {
  type ConsoleData,
  documentDetail,
  documentSummary,
  listDocuments,
  overview,
  poStory,
  replayPreview,
} from "./queries.js";

export interface ConsoleOptions {
  data: ConsoleData;
  /** What `ml-connector replay` calls: the connector's replay. */
  replay: (documentId: string) => Promise<ReplayResult>;
  /** Required on every API call (`Authorization: Bearer ...`). */
  token: string;
  /** The folder of index.html, app.js and app.css (default: the one shipped in the package). */
  assetsDir?: string | undefined;
  /** Told about errors the API answered with a 500 (the page only says "see the terminal"). */
  onError?: ((error: unknown) => void) | undefined;
}

/** Every response: scripts, styles and requests from this origin only; no framing, no referrer, no sniffing. */
export const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const loopbackHosts = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Whether an address only this machine reaches. */
export function isLoopback(host: string): boolean {
  return loopbackHosts.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A new random console token (printed at start when ML_CONNECTOR_CONSOLE_TOKEN is not set). */
export function newConsoleToken(): string {
  return randomBytes(24).toString("base64url");
}

/** The folder shipped beside src/ and dist/ (`console-ui/`), found from this module wherever it was bundled. */
export function defaultAssetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, "console-ui");
    if (existsSync(join(candidate, "index.html"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error("The console's page (console-ui/index.html) is missing from the package.");
}

const sameToken = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const replayBody = z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(500) });
const kindNames: Record<string, MappingKind> = { "ship-tos": "shipTos", "cost-centres": "costCentres" };

/**
 * The console as a Hono app: the page, its assets and the JSON API (read-only except replay). `host` is the address
 * it is served on: on a loopback address, requests naming another host are refused.
 */
export function createConsoleApp(options: ConsoleOptions & { host: string }): Hono {
  const dir = options.assetsDir ?? defaultAssetsDir();
  const assets: Record<string, { type: string; body: string }> = {
    "/": { type: "text/html; charset=utf-8", body: readFileSync(join(dir, "index.html"), "utf8") },
    "/assets/app.js": { type: "text/javascript; charset=utf-8", body: readFileSync(join(dir, "app.js"), "utf8") },
    "/assets/app.css": { type: "text/css; charset=utf-8", body: readFileSync(join(dir, "app.css"), "utf8") },
  };
  const { data } = options;
  const app = new Hono();

  app.use("*", async (c, next) => {
    // Bound to loopback, only loopback names are served: a web page cannot reach it through a DNS name of its own.
    const hostHeader = c.req.header("host") ?? "";
    const hostName = hostHeader.replace(/:\d+$/, "");
    if (isLoopback(options.host) && !isLoopback(hostName)) {
      return c.text("Forbidden: the console answers on its loopback address only.", 403);
    }
    await next();
    c.header("Content-Security-Policy", contentSecurityPolicy);
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    c.header("X-Frame-Options", "DENY");
    c.header("Cross-Origin-Opener-Policy", "same-origin");
    c.header("Cross-Origin-Resource-Policy", "same-origin");
    c.header("Cache-Control", "no-store");
  });

  for (const [path, asset] of Object.entries(assets)) {
    app.get(path, (c) => c.body(asset.body, 200, { "Content-Type": asset.type }));
  }

  app.use("/api/*", async (c, next) => {
    const auth = c.req.header("authorization") ?? "";
    const given = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    if (!sameToken(given, options.token)) {
      return c.json({ error: "The console token is missing or wrong: open the address the console printed." }, 401);
    }
    if (c.req.method !== "GET") {
      // Replay changes data: only from the console's own page (CSRF), as JSON.
      const origin = c.req.header("origin");
      const site = c.req.header("sec-fetch-site");
      if (origin !== `http://${c.req.header("host")}` || (site !== undefined && site !== "same-origin")) {
        return c.json({ error: "Refused: replay is only accepted from the console's own page." }, 403);
      }
      if (!(c.req.header("content-type") ?? "").startsWith("application/json")) {
        return c.json({ error: "Send JSON." }, 415);
      }
    }
    await next();
  });

  app.get("/api/overview", async (c) => c.json(await overview(data)));
  app.get("/api/documents", async (c) => c.json(await listDocuments(data, c.req.query())));
  app.get("/api/documents/:id", async (c) => {
    const detail = await documentDetail(data, c.req.param("id"));
    return detail ? c.json(detail) : c.json({ error: "No such document." }, 404);
  });
  app.get("/api/po/:po", async (c) => c.json(await poStory(data, c.req.param("po"), c.req.query("partner"))));
  app.get("/api/gaps", async (c) => c.json(await mappingGaps(data)));
  app.get("/api/gaps/:file", async (c) => {
    const name = c.req.param("file").replace(/\.csv$/, "");
    const kind = kindNames[name] ?? name;
    if (!mappingKinds.includes(kind as MappingKind)) return c.json({ error: "Unknown mapping kind." }, 404);
    const { gaps } = await mappingGaps(data);
    return c.body(gapsCsv(kind as MappingKind, gaps), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="missing-${name}.csv"`,
    });
  });
  app.post("/api/replay/preview", async (c) => {
    const { ids } = replayBody.parse(await c.req.json());
    const previews = [];
    for (const id of ids) {
      const document = await data.audit.getDocument(id);
      previews.push(
        document
          ? { id, document: documentSummary(document), ...(await replayPreview(data, document)) }
          : { id, replayable: false, action: "nothing: no such document" },
      );
    }
    return c.json({ previews });
  });
  app.post("/api/replay", async (c) => {
    const { ids } = replayBody.parse(await c.req.json());
    const results = [];
    // One at a time: replay takes the flow's lock, as `ml-connector replay` does.
    for (const id of ids) {
      try {
        const result = await options.replay(id);
        results.push({ id, ok: true, outcome: result.outcome, document: documentSummary(result.document) });
      } catch (error) {
        results.push({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return c.json({ results });
  });

  app.notFound((c) => c.json({ error: "Not found." }, 404));
  app.onError((error, c) => {
    if (error instanceof z.ZodError) return c.json({ error: z.prettifyError(error) }, 400);
    if (isConnectorError(error) && error.kind === "validation") return c.json({ error: error.message }, 400);
    if (error instanceof SyntaxError) return c.json({ error: "The request body is not JSON." }, 400);
    options.onError?.(error);
    return c.json({ error: "The console could not answer: see its terminal." }, 500);
  });
  return app;
}

export interface RunningConsole {
  /** `http://host:port/` */
  origin: string;
  /** The address to open: the origin with the token in the fragment (never sent to a server, kept by the page). */
  url: string;
  close(): Promise<void>;
}

/** Starts the console on host:port (port 0: any free one). */
export async function startConsole(options: ConsoleOptions & { host: string; port: number }): Promise<RunningConsole> {
  const app = createConsoleApp(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer, reject) => {
    // overrideGlobalObjects: false: the connector's clients in this process keep Node's own fetch Response/Request.
    const s = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port, overrideGlobalObjects: false },
      () => resolveServer(s),
    );
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  const origin = `http://${shownHost === "0.0.0.0" ? "127.0.0.1" : shownHost}:${port}/`;
  return {
    origin,
    url: `${origin}#token=${options.token}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
