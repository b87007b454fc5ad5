import type { Router, SandboxRequest, SandboxResponse } from "../core/index.js";
import type { SpsAuthServer } from "./auth-server.js";
import { mailboxSegments, type SpsMailbox } from "./mailbox.js";
import { json, problem } from "./responses.js";

/** Route names of the SPS sandbox, as request counters count them and fault rules target them. */
export const SPS_SANDBOX_ROUTES = {
  token: "token",
  authorize: "authorize",
  authCheck: "auth-check",
  list: "transactions.list",
  download: "transactions.download",
  upload: "transactions.upload",
  delete: "transactions.delete",
  history: "transactions.history",
} as const;

export interface TransactionRoutesOptions {
  mailbox: SpsMailbox;
  auth: SpsAuthServer;
  /** The API server's origin, for the `url` fields. Read lazily: the port is known once the server listens. */
  origin: () => string;
  /** The largest page the sandbox answers with, whatever `limit` asks. */
  pageSize: () => number;
}

const DATA = "/transactions/v5/data";
const historyTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

function encodePath(segments: readonly string[]): string {
  return segments.map(encodeURIComponent).join("/");
}

function readLimit(raw: string | null, fallback: number): number | SandboxResponse {
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 1000) {
    return problem(400, "Bad Request", "limit must be an integer from 1 to 1000.");
  }
  return value;
}

/** The Transaction API v5 over the sandbox mailbox. */
export function addTransactionRoutes(router: Router, options: TransactionRoutesOptions): void {
  const { mailbox, auth } = options;
  const guarded =
    (handler: (request: SandboxRequest) => SandboxResponse) =>
    (request: SandboxRequest): SandboxResponse => {
      const claims = auth.authenticate(request);
      if ("status" in claims) return claims;
      return handler(request);
    };

  router.add(
    "GET",
    "/auth-check",
    guarded(() => ({ status: 204 })),
    SPS_SANDBOX_ROUTES.authCheck,
  );

  router.add(
    "GET",
    "/transactions/v5/history",
    guarded((request) => {
      const limit = readLimit(request.query.get("limit"), 100);
      if (typeof limit !== "number") return limit;
      const offsetRaw = request.query.get("offset") ?? "0";
      if (!/^\d+$/.test(offsetRaw)) return problem(400, "Bad Request", "offset must be a non-negative integer.");
      const offset = Number(offsetRaw);
      const after = request.query.get("after");
      const until = request.query.get("until");
      for (const [name, value] of [
        ["after", after],
        ["until", until],
      ] as const) {
        if (value !== null && !historyTimePattern.test(value)) {
          return problem(400, "Bad Request", `${name} must be YYYY-MM-DDTHH:mm:ss.`);
        }
      }
      const afterMs = after ? Date.parse(`${after}Z`) : Number.NEGATIVE_INFINITY;
      const untilMs = until ? Date.parse(`${until}Z`) : Number.POSITIVE_INFINITY;
      const { results: page, total } = mailbox.historyPage({ afterMs, untilMs, offset, limit });
      const link = (at: number) => {
        const url = new URL("/transactions/v5/history", options.origin());
        url.searchParams.set("limit", String(limit));
        url.searchParams.set("offset", String(at));
        if (after) url.searchParams.set("after", after);
        if (until) url.searchParams.set("until", until);
        return { url: url.toString() };
      };
      return json(200, {
        results: page,
        paging: {
          offset,
          limit,
          total_count: total,
          next: offset + limit < total ? link(offset + limit) : null,
          previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
        },
      });
    }),
    SPS_SANDBOX_ROUTES.history,
  );

  const list = guarded((request) => {
    const raw = request.params.directory ?? "";
    const segments = mailboxSegments(raw);
    if (!segments) return problem(400, "Bad Request", "Invalid directory path.");
    const limit = readLimit(request.query.get("limit"), 1000);
    if (typeof limit !== "number") return limit;
    const effective = Math.min(limit, options.pageSize());
    const prefix = request.query.get("entryNamePrefix") ?? "";
    const cursorRaw = request.query.get("cursor");
    let after: string | undefined;
    if (cursorRaw !== null) {
      const decoded = Buffer.from(cursorRaw, "base64url").toString("utf8");
      if (!decoded.startsWith("n:")) return problem(400, "Bad Request", "Invalid cursor.");
      after = decoded.slice(2);
    }
    const listed = mailbox.listPage(segments, { limit: effective, prefix, after });
    // What SPS answers for a folder whose route is not set up (yet).
    if (!listed) return problem(404, "Not Found", "Directory not found");
    const page = listed.entries;
    const base = segments.length === 0 ? "" : `${segments.join("/")}/`;
    const results = page.map((entry) => {
      const path = `/${base}${entry.name}${entry.type === "directory" ? "/" : ""}`;
      const url = `${options.origin()}${DATA}/${encodePath([...segments, entry.name])}${entry.type === "directory" ? "/" : ""}`;
      return { path, type: entry.type, url };
    });
    const last = page.at(-1);
    let next: { cursor: string; url: string } | null = null;
    if (last && listed.more) {
      const cursor = Buffer.from(`n:${last.name}`, "utf8").toString("base64url");
      const url = new URL(`${DATA}/${segments.length === 0 ? "" : `${encodePath(segments)}/`}`, options.origin());
      url.searchParams.set("limit", String(limit));
      url.searchParams.set("cursor", cursor);
      if (prefix) url.searchParams.set("entryNamePrefix", prefix);
      next = { cursor, url: url.toString() };
    }
    // SPS leaves `paging` out of some last pages (seen on an empty account root: `{"results": []}`).
    if (results.length === 0) return json(200, { results });
    return json(200, { results, paging: { limit: effective, next } });
  });
  router.add("GET", `${DATA}/`, list, SPS_SANDBOX_ROUTES.list);
  router.add("GET", `${DATA}/*directory/`, list, SPS_SANDBOX_ROUTES.list);

  const fileSegments = (request: SandboxRequest): string[] | undefined => {
    const segments = mailboxSegments(request.params.path ?? "");
    return segments && segments.length > 0 ? segments : undefined;
  };

  router.add(
    "GET",
    `${DATA}/*path`,
    guarded((request) => {
      const segments = fileSegments(request);
      if (!segments) return problem(400, "Bad Request", "Invalid file path.");
      const content = mailbox.download(segments.join("/"));
      if (!content) return problem(404, "Not Found", `No file /${segments.join("/")}.`);
      return { status: 200, headers: { "content-type": "application/octet-stream" }, body: content };
    }),
    SPS_SANDBOX_ROUTES.download,
  );

  router.add(
    "POST",
    `${DATA}/*path`,
    guarded((request) => {
      const segments = fileSegments(request);
      if (!segments) return problem(400, "Bad Request", "Invalid file path.");
      const type = String(request.headers["content-type"] ?? "");
      if (!type.startsWith("application/octet-stream")) {
        return problem(415, "Unsupported Media Type", "Uploads must be sent as application/octet-stream.");
      }
      if (!mailbox.isWritable(segments)) {
        return problem(403, "Forbidden", "Files can only be uploaded to in/ or testin/.");
      }
      if (!mailbox.folderExists(segments)) return problem(404, "Not Found", "Directory not found");
      if (request.body.length === 0) return problem(400, "Bad Request", "The file is empty.");
      const path = segments.join("/");
      mailbox.upload(path, new Uint8Array(request.body));
      return json(201, { path: `/${path}`, url: `${options.origin()}${DATA}/${encodePath(segments)}` });
    }),
    SPS_SANDBOX_ROUTES.upload,
  );

  router.add(
    "DELETE",
    `${DATA}/*path`,
    guarded((request) => {
      const segments = fileSegments(request);
      if (!segments) return problem(400, "Bad Request", "Invalid file path.");
      if (!mailbox.delete(segments.join("/"))) return problem(404, "Not Found", `No file /${segments.join("/")}.`);
      return { status: 204 };
    }),
    SPS_SANDBOX_ROUTES.delete,
  );
}
