import type { Router, SandboxRequest, SandboxResponse } from "../core/index.js";
import type { SageX3SandboxAuth } from "./auth.js";
import {
  classModels,
  isSandboxClass,
  recordKey,
  type SandboxClassName,
  sageX3SandboxClasses,
  type X3Record,
} from "./model.js";
import { type SageX3Store, X3Refusal } from "./store.js";
import { compareValues, parseWhere, WhereSyntaxError, whereFields } from "./where.js";

export interface Api1Options {
  /** The Syracuse endpoint (X3 folder). */
  endpoint: string;
  /** Representation name per class (default: the class name). */
  representations: Partial<Record<SandboxClassName, string>>;
  /** The silent cap on `count`. */
  maxCount: number;
  /** Whether `$query` returns child collections (lines). X3 query facets usually do not. */
  queryIncludesLines: boolean;
  /** The origin written into `$links` and `Location` (the sandbox's own by default). */
  linkBaseUrl: () => string;
}

/** Route names, for request counters and fault rules. */
export const sageX3Routes = {
  authorise: "x3:authorise",
  token: "x3:token",
  query: "x3:query",
  details: "x3:details",
  create: "x3:create",
  update: "x3:update",
  delete: "x3:delete",
} as const;

const resourcePattern = /^([A-Z][A-Z0-9_]*)\('((?:[^']|'')*)'\)$/;
const sortPattern = /^([A-Za-z][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/i;

function refusal(error: unknown): SandboxResponse {
  if (error instanceof X3Refusal) return { status: error.status, body: error.body() };
  throw error;
}

function diagnosis(status: number, message: string): SandboxResponse {
  return { status, body: { $diagnoses: [{ $severity: "error", $message: message }] } };
}

function encodeKeyPart(value: unknown): string {
  return String(value ?? "")
    .replaceAll("%", "%25")
    .replaceAll("~", "%7E");
}

function stripLines(className: SandboxClassName, record: Readonly<X3Record>): X3Record {
  const lines = classModels[className].lines;
  if (!lines) return record;
  const { [lines]: _omit, ...header } = record;
  return header;
}

export function mountApi1(
  router: Router,
  store: SageX3Store,
  auth: Pick<SageX3SandboxAuth, "check">,
  options: Api1Options,
): void {
  const base = "/api1/x3/erp/:endpoint";

  const representationOf = (className: SandboxClassName) => options.representations[className] ?? className;

  /** Checks endpoint, auth, class and representation/facet; returns the class or the response to send. */
  const guard = (
    request: SandboxRequest,
    className: string,
    facets: readonly string[],
  ): SandboxClassName | SandboxResponse => {
    const denied = auth.check(request);
    if (denied) return denied;
    if (request.params.endpoint !== options.endpoint) {
      return diagnosis(404, `Endpoint ${request.params.endpoint ?? ""} does not exist.`);
    }
    if (!isSandboxClass(className)) return diagnosis(404, `Class ${className} does not exist.`);
    const representation = request.query.get("representation") ?? "";
    const [name, facet] = representation.split(".");
    if (name !== representationOf(className)) {
      return diagnosis(400, `Representation ${name ?? ""} is not a representation of class ${className}.`);
    }
    if (!facet || !facets.includes(facet)) return diagnosis(400, `Facet ${facet ?? ""} is not allowed here.`);
    return className;
  };

  const resourceUrl = (className: SandboxClassName, key: string, facet: string) =>
    `${options.linkBaseUrl()}/api1/x3/erp/${options.endpoint}/${className}('${key.replaceAll("'", "''")}')?representation=${representationOf(className)}.${facet}`;

  // `$etag` is the update stamp, as X3's reads show it; api1 does not use it for concurrency (no If-Match check).
  const withMeta = (className: SandboxClassName, record: Readonly<X3Record>): X3Record => {
    const collection = classModels[className].lines;
    const lines = collection ? record[collection] : undefined;
    return {
      $uuid: `${className}-${recordKey(className, record)}`,
      $key: recordKey(className, record),
      $etag: record.UPDDATTIM,
      $url: resourceUrl(className, recordKey(className, record), "$details"),
      ...record,
      ...(collection && Array.isArray(lines)
        ? {
            [collection]: lines.map((line: X3Record) =>
              typeof line.AUUID === "string" ? { $uuid: line.AUUID, ...line } : line,
            ),
          }
        : {}),
    };
  };

  /** A saved resource as api1 answers a POST/PUT: the new state, with the save action's outcome. */
  const saved = (className: SandboxClassName, record: X3Record): X3Record => ({
    ...withMeta(className, record),
    $actions: { $save: { $diagnoses: [{ $severity: "success", $message: "Resource has been saved" }] } },
  });

  const query = (request: SandboxRequest, className: SandboxClassName): SandboxResponse => {
    const model = classModels[className];
    const known = new Set(model.fields);
    let filter: ReturnType<typeof parseWhere> | undefined;
    const whereText = request.query.get("where");
    if (whereText !== null && whereText.trim() !== "") {
      try {
        filter = parseWhere(whereText);
      } catch (error) {
        if (error instanceof WhereSyntaxError) return diagnosis(400, `Invalid where clause: ${error.message}`);
        throw error;
      }
      const unknown = whereFields(filter).find((field) => !known.has(field));
      // X3 answers an unknown property in `where` with an HTTP 500.
      if (unknown) {
        return diagnosis(
          500,
          `The property '${unknown}' does not exist in representation ${representationOf(className)}.`,
        );
      }
    }
    const sort: { field: string; desc: boolean }[] = [];
    const orderByText = request.query.get("orderBy");
    if (orderByText) {
      for (const part of orderByText.split(/[,;]/)) {
        const match = sortPattern.exec(part.trim());
        if (!match?.[1]) return diagnosis(400, `Invalid orderBy: "${part.trim()}".`);
        if (!known.has(match[1])) {
          return diagnosis(
            500,
            `The property '${match[1]}' does not exist in representation ${representationOf(className)}.`,
          );
        }
        sort.push({ field: match[1], desc: match[2]?.toLowerCase() === "desc" });
      }
    }
    for (const field of model.keyFields) {
      if (!sort.some((criterion) => criterion.field === field)) sort.push({ field, desc: false });
    }
    const compare = (a: X3Record, b: X3Record): number => {
      for (const criterion of sort) {
        const order = compareValues(a[criterion.field], b[criterion.field]);
        if (order !== 0) return criterion.desc ? -order : order;
      }
      return 0;
    };

    const requested = Number(request.query.get("count") ?? 20);
    const count = Math.max(1, Math.min(options.maxCount, Number.isFinite(requested) ? Math.floor(requested) : 20));

    // Sorted and paged over the stored records, read and not copied (see the $details route).
    let rows = store.matching(className, filter);
    rows.sort(compare);

    const keyParam = request.query.get("key");
    if (keyParam) {
      const match = /^(gt|ge|lt|le)\.(.*)$/.exec(keyParam);
      if (!match?.[1]) return diagnosis(400, `Invalid key parameter "${keyParam}".`);
      const parts = (match[2] ?? "").split("~").map((part) => decodeURIComponent(part));
      // The key values line up with the sort criteria when an orderBy is given, else with the key fields.
      const fields = orderByText
        ? sort.map((criterion) => criterion)
        : model.keyFields.map((field) => ({ field, desc: false }));
      if (parts.length !== fields.length) return diagnosis(400, `Invalid key parameter "${keyParam}".`);
      const position = (record: X3Record): number => {
        for (const [index, criterion] of fields.entries()) {
          const order = compareValues(record[criterion.field], parts[index]);
          if (order !== 0) return criterion.desc ? -order : order;
        }
        return 0;
      };
      const op = match[1];
      rows = rows.filter((record) => {
        const order = position(record);
        return op === "gt" ? order > 0 : op === "ge" ? order >= 0 : op === "lt" ? order < 0 : order <= 0;
      });
    }

    const page = rows.slice(0, count);
    const representation = `${representationOf(className)}.$query`;
    const selfUrl = new URL(`${options.linkBaseUrl()}/api1/x3/erp/${options.endpoint}/${className}`);
    selfUrl.searchParams.set("representation", representation);
    if (whereText) selfUrl.searchParams.set("where", whereText);
    if (orderByText) selfUrl.searchParams.set("orderBy", orderByText);
    selfUrl.searchParams.set("count", String(count));
    const links: Record<string, unknown> = {};
    const last = page.at(-1);
    if (rows.length > page.length && last) {
      const next = new URL(selfUrl);
      const fields = orderByText ? sort.map((criterion) => criterion.field) : [...model.keyFields];
      next.searchParams.set("key", `gt.${fields.map((field) => encodeKeyPart(last[field])).join("~")}`);
      links.$next = { $url: next.toString(), $type: "application/json; vnd.sage=syracuse", $method: "GET" };
    }
    return {
      status: 200,
      body: {
        $url: selfUrl.toString(),
        $descriptor: representation,
        $startIndex: 1,
        $itemsPerPage: count,
        $resources: page.map((record) =>
          withMeta(className, options.queryIncludesLines ? record : stripLines(className, record)),
        ),
        $links: links,
      },
    };
  };

  const parseBody = (request: SandboxRequest): { record: X3Record } | { refused: SandboxResponse } => {
    try {
      const parsed: unknown = JSON.parse(request.body.toString("utf8") || "null");
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return { refused: diagnosis(400, "The body must be a JSON object.") };
      }
      return { record: parsed as X3Record };
    } catch {
      return { refused: diagnosis(400, "The body is not valid JSON.") };
    }
  };

  /** The record a `CLASS('key')` URL names, once the request passes `guard` for one of `facets`; else the answer. */
  const keyed = (
    request: SandboxRequest,
    facets: readonly string[],
  ): { className: SandboxClassName; key: string } | SandboxResponse => {
    const match = resourcePattern.exec(request.params.resource ?? "");
    if (!match?.[1]) return diagnosis(404, `No resource at ${request.path}.`);
    const checked = guard(request, match[1], facets);
    if (typeof checked !== "string") return checked;
    return { className: checked, key: (match[2] ?? "").replaceAll("''", "'") };
  };

  for (const className of sageX3SandboxClasses) {
    router.add(
      "GET",
      `${base}/${className}`,
      (request) => {
        const checked = guard(request, className, ["$query"]);
        return typeof checked === "string" ? query(request, checked) : checked;
      },
      sageX3Routes.query,
    );
    router.add(
      "POST",
      `${base}/${className}`,
      (request) => {
        const checked = guard(request, className, ["$create"]);
        if (typeof checked !== "string") return checked;
        const body = parseBody(request);
        if ("refused" in body) return body.refused;
        try {
          const record = store.create(checked, body.record);
          const key = recordKey(checked, record);
          return {
            status: 201,
            headers: { location: resourceUrl(checked, key, "$details") },
            body: saved(checked, record),
          };
        } catch (error) {
          return refusal(error);
        }
      },
      sageX3Routes.create,
    );
  }

  router.add(
    "GET",
    `${base}/:resource`,
    (request) => {
      const target = keyed(request, ["$details", "$edit", "$summary"]);
      if ("status" in target) return target;
      const { className: checked, key } = target;
      // Read, not copied: the answer is built from it before anything else runs, and a write replaces it.
      const record = store.peek(checked, key);
      if (!record) return diagnosis(404, `${checked} ${key} does not exist.`);
      return { status: 200, body: withMeta(checked, record) };
    },
    sageX3Routes.details,
  );
  router.add(
    "PUT",
    `${base}/:resource`,
    (request) => {
      const target = keyed(request, ["$edit"]);
      if ("status" in target) return target;
      const { className: checked, key } = target;
      const body = parseBody(request);
      if ("refused" in body) return body.refused;
      try {
        return { status: 200, body: saved(checked, store.update(checked, key, body.record)) };
      } catch (error) {
        return refusal(error);
      }
    },
    sageX3Routes.update,
  );
  router.add(
    "DELETE",
    `${base}/:resource`,
    (request) => {
      const target = keyed(request, ["$edit"]);
      if ("status" in target) return target;
      const { className: checked, key } = target;
      try {
        store.delete(checked, key);
        return { status: 204 };
      } catch (error) {
        return refusal(error);
      }
    },
    sageX3Routes.delete,
  );
}
