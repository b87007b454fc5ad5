import {
  type AuthStrategy,
  type Clock,
  ConnectorError,
  createPathSerializer,
  createSafeLogger,
  createTransportFetch,
  IDEMPOTENT_HEADER,
  isConnectorError,
  type Logger,
  parseSecureUrl,
  type RetryOptions,
  resolveSameOrigin,
  systemClock,
  type TokenCache,
  type TokenStore,
  TransportRequest,
  transportRequestClass,
} from "@ml-connector/transport";
import { type CompiledCheck, compiledCheckOf } from "@ml-connector/zod-check";
import createClient, { createQuerySerializer } from "openapi-fetch";
import { z } from "zod";
import { type AuthorizationCodeSettings, createAuthorizationCodeAuth } from "./auth/authorization-code.js";
import { type BasicSettings, createBasicAuth } from "./auth/basic.js";
import { type ConnectedAppSettings, createConnectedAppAuth } from "./auth/connected-app.js";
import { SageX3Error, toSageX3Error } from "./errors/sage-x3-error.js";
import type { paths } from "./generated/sage-x3.js";
import { formatOrderBy, type OrderBy } from "./query/order-by.js";
import { type WhereBuilder, WhereClause, where as whereBuilder } from "./query/where.js";
import {
  type ClassMappings,
  classDefinitions,
  type FieldOf,
  type RecordOf,
  type SageX3Class,
  sageX3Classes,
} from "./resources/classes.js";
import { formatKey, keyFromLocation, type SageX3Key } from "./resources/keys.js";
import type { PurchaseOrder, SalesOrder } from "./resources/schemas.js";

/** The three auth modes, or any AuthStrategy of your own. */
export type SageX3AuthSettings = AuthorizationCodeSettings | ConnectedAppSettings | BasicSettings;

export interface SageX3ClientOptions {
  /** The customer's Syracuse server, e.g. `https://x3.example.com:8124`. https required except on loopback. */
  serverUrl: string;
  /** The Syracuse endpoint (X3 folder), e.g. `SEED`. */
  endpoint: string;
  auth: SageX3AuthSettings | AuthStrategy;
  /** Class and representation names of this installation. Defaults: the standard class names. */
  classes?: ClassMappings | undefined;
  fetch?: typeof fetch | undefined;
  /**
   * The proxy for this server (`http://user:password@proxy.example.com:3128`), or `false` to connect directly.
   * Default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment. Ignored with an injected `fetch`.
   */
  proxy?: string | false | undefined;
  /** Hosts that bypass the proxy (NO_PROXY syntax); replaces the environment's NO_PROXY when given. */
  noProxy?: string | undefined;
  /** Where OAuth2 token sets (with rotated refresh tokens) survive restarts. Default: in memory. */
  tokenStore?: TokenStore | undefined;
  clock?: Clock | undefined;
  logger?: Partial<Logger> | undefined;
  retry?: RetryOptions | undefined;
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number | undefined;
  /** Requests in flight at most. Default 4 (X3 licences meter web-service volume). */
  maxConcurrency?: number | undefined;
  /** Page size asked of `$query` (X3 may cap it silently). Default 100. */
  pageSize?: number | undefined;
  userAgent?: string | undefined;
}

/** A where clause: built with the builder, or a function given the builder typed for the class. */
export type WhereInput<C extends SageX3Class> = WhereClause | ((where: WhereBuilder<FieldOf<C>>) => WhereClause);

export interface QueryOptions<C extends SageX3Class> {
  where?: WhereInput<C> | undefined;
  orderBy?: readonly OrderBy<FieldOf<C>>[] | undefined;
  /** Page size (`count`). Default the client's `pageSize`. */
  count?: number | undefined;
  signal?: AbortSignal | undefined;
}

export interface SageX3Page<C extends SageX3Class> {
  records: RecordOf<C>[];
  /** The `$links.$next.$url` that follows, if any. */
  nextUrl: string | undefined;
}

export interface ChangedSinceOptions<C extends SageX3Class> {
  /** Exclusive upper bound on UPDDATTIM (the read window's end). */
  until?: Date | undefined;
  /** More conditions, and-ed with the UPDDATTIM window. */
  where?: WhereInput<C> | undefined;
  count?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** A record to create or the properties to change: the class's fields (X3 accepts more). */
export type SageX3Input<C extends SageX3Class> = Partial<RecordOf<C>> & Record<string, unknown>;

/** One line of a child collection in an `$edit`: the line's `$uuid` (or line number) and what changes on it. */
export type SageX3EditLine<L> = Partial<L> & { $uuid?: string | undefined; $isDeleted?: boolean | undefined } & Record<
    string,
    unknown
  >;

/** The properties to change on `$edit`: header fields, and child lines addressed by `$uuid`/line number. */
export type SageX3Edit<C extends SageX3Class> = {
  [K in keyof RecordOf<C>]?: NonNullable<RecordOf<C>[K]> extends readonly (infer L)[]
    ? L extends object
      ? SageX3EditLine<L>[]
      : RecordOf<C>[K]
    : RecordOf<C>[K];
} & Record<string, unknown>;

/** Options every single-record call takes. */
/**
 * Whether an `$edit` body may append child lines: an entry of a child collection with no `$uuid` that is not a
 * deletion. Such an edit is not safe to repeat after a lost answer (api1 has no idempotency keys).
 */
function appendsLines(changes: Record<string, unknown>): boolean {
  return Object.values(changes).some(
    (value) =>
      Array.isArray(value) &&
      value.some(
        (line) =>
          typeof line === "object" &&
          line !== null &&
          !("$uuid" in line) &&
          (line as { $isDeleted?: unknown }).$isDeleted !== true,
      ),
  );
}

export interface CallOptions {
  /** Aborts the call (and its retries): the run's signal, so a stopped run does not leave requests behind. */
  signal?: AbortSignal | undefined;
}

export interface SalesOrderNaturalKey {
  BPCORD: string;
  CUSORDREF: string;
}
export interface PurchaseOrderNaturalKey {
  BPSNUM: string;
  ORDREF: string;
}

export interface SageX3Client {
  readonly serverUrl: string;
  readonly endpoint: string;
  /** The auth strategy in use; `tokens` is its token cache for the OAuth2 and connected-app modes. */
  readonly auth: AuthStrategy;
  readonly tokens: TokenCache | undefined;
  /** Every record matching, page after page (following `$links.$next`'s path and query on the configured origin). */
  query<C extends SageX3Class>(className: C, options?: QueryOptions<C>): AsyncGenerator<RecordOf<C>>;
  /** The same, page by page: for callers that commit a cursor after each page. */
  pages<C extends SageX3Class>(className: C, options?: QueryOptions<C>): AsyncGenerator<SageX3Page<C>>;
  /** Records with UPDDATTIM >= since (and < until), ordered by UPDDATTIM then key. */
  changedSince<C extends SageX3Class>(
    className: C,
    since: Date | string,
    options?: ChangedSinceOptions<C>,
  ): AsyncGenerator<RecordOf<C>>;
  /** The same, page by page: save the cursor (last UPDDATTIM) once a page's effects are durable. */
  changedPages<C extends SageX3Class>(
    className: C,
    since: Date | string,
    options?: ChangedSinceOptions<C>,
  ): AsyncGenerator<SageX3Page<C>>;
  /** One record with its lines (`$details`), or undefined when X3 answers 404. */
  read<C extends SageX3Class>(className: C, key: SageX3Key, options?: CallOptions): Promise<RecordOf<C> | undefined>;
  /** Creates a record (`$create`, 201); the key comes from the Location header. */
  create<C extends SageX3Class>(
    className: C,
    record: SageX3Input<C>,
    options?: CallOptions,
  ): Promise<{ key: string; record: RecordOf<C> }>;
  /**
   * Creates a record as `create` does and answers its key alone: the record X3 sends back is read but neither parsed
   * nor checked when the Location header gives the key (it is when it does not, to take the key fields from it).
   */
  createKey<C extends SageX3Class>(className: C, record: SageX3Input<C>, options?: CallOptions): Promise<string>;
  /**
   * Partial update (`$edit`): only the properties given change. Returns the new state. In a child collection, a line
   * with its `$uuid` (or line number) updates that line, a line with neither is appended, a line with
   * `$isDeleted: true` is removed; lines not sent stay. api1 has no optimistic locking: the last write wins.
   */
  update<C extends SageX3Class>(
    className: C,
    key: SageX3Key,
    changes: SageX3Edit<C>,
    options?: CallOptions,
  ): Promise<RecordOf<C>>;
  delete(className: SageX3Class, key: SageX3Key, options?: CallOptions): Promise<void>;
  /** The sales order with this BPCORD + CUSORDREF, or the purchase order with this BPSNUM + ORDREF (header fields). */
  findByNaturalKey(
    className: "SORDER",
    key: SalesOrderNaturalKey,
    options?: CallOptions,
  ): Promise<SalesOrder | undefined>;
  findByNaturalKey(
    className: "PORDER",
    key: PurchaseOrderNaturalKey,
    options?: CallOptions,
  ): Promise<PurchaseOrder | undefined>;
}

// zod's compiled fast path (`z.core.compile`): the same results, errors included (it falls back to the runtime parser
// on any failure), in less time and with less garbage per page and per record.
const pageSchema = z.core.compile(
  z.looseObject({
    $resources: z.array(z.unknown()),
    $links: z
      .looseObject({ $next: z.looseObject({ $url: z.string() }).optional() })
      .optional()
      .nullable(),
  }),
);

/**
 * Each class's record check, built on first use: zod's compiled check in parts (`compiledCheckOf`). The record schemas
 * are loose objects of plain fields that transform nothing, so a record the check accepts is what parsing would
 * return: it is handed over as read, not copied. zod's check compiled whole allocates a closure for each optional
 * field and a copy of each line array on every record. Undefined when zod has no compiled check for a schema: the
 * runtime answers.
 */
const recordChecks = new Map<SageX3Class, CompiledCheck | undefined>();

function recordCheck(className: SageX3Class): CompiledCheck | undefined {
  if (recordChecks.has(className)) return recordChecks.get(className);
  const check = compiledCheckOf(classDefinitions[className].schema as unknown as z.core.$ZodType);
  recordChecks.set(className, check);
  return check;
}

/** openapi-fetch's default path serialisation: simple style, each value `encodeURIComponent`-ed. */
const encodePathValue = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : encodeURIComponent(String(value));

const jsonBody = (body: unknown): string => JSON.stringify(body);

function isStrategy(value: SageX3AuthSettings | AuthStrategy): value is AuthStrategy {
  return typeof (value as AuthStrategy).authorize === "function";
}

/** What one query sends, page after page. */
interface PageQuery {
  clause: WhereClause | undefined;
  orderBy: string | undefined;
  count: number | undefined;
  signal: AbortSignal | undefined;
}

/** A typed Sage X3 api1 client (see the package README). */
export function createSageX3Client(options: SageX3ClientOptions): SageX3Client {
  const server = parseSecureUrl(options.serverUrl, "The Sage X3 server URL");
  const serverUrl = server.toString().replace(/\/+$/, "");
  if (!/^[A-Za-z0-9_-]+$/.test(options.endpoint ?? "")) {
    throw new ConnectorError(`The Sage X3 endpoint (folder) "${options.endpoint}" is not valid.`, {
      kind: "configuration",
    });
  }
  const clock = options.clock ?? systemClock;
  let secrets: () => readonly string[] = () => [];
  const logger = createSafeLogger(options.logger, () => secrets());

  let auth: AuthStrategy;
  let tokens: TokenCache | undefined;
  if (isStrategy(options.auth)) auth = options.auth;
  else if (options.auth.mode === "authorization-code") {
    ({ strategy: auth, tokens } = createAuthorizationCodeAuth(options.auth, {
      tokenStore: options.tokenStore,
      clock,
      logger,
      fetch: options.fetch,
      proxy: options.proxy,
      noProxy: options.noProxy,
      retry: options.retry,
      timeoutMs: options.timeoutMs,
    }));
  } else if (options.auth.mode === "connected-app") {
    ({ strategy: auth, tokens } = createConnectedAppAuth(options.auth, serverUrl, clock));
  } else if (options.auth.mode === "basic") {
    auth = createBasicAuth(options.auth);
  } else {
    throw new ConnectorError("Unknown Sage X3 auth mode.", { kind: "configuration" });
  }
  const authStrategy = auth;
  secrets = () => authStrategy.secrets();

  const classes = Object.fromEntries(
    sageX3Classes.map((name) => {
      const mapping = options.classes?.[name] ?? {};
      const className = mapping.class ?? name;
      const representation = mapping.representation ?? name;
      for (const value of [className, representation]) {
        if (!/^[A-Z][A-Z0-9_]*$/.test(value)) {
          throw new ConnectorError(`"${value}" is not a valid X3 class or representation name (for ${name}).`, {
            kind: "configuration",
          });
        }
      }
      return [name, { className, representation }];
    }),
  ) as Record<SageX3Class, { className: string; representation: string }>;

  const transport = createTransportFetch({
    baseUrl: server.origin,
    fetch: options.fetch,
    proxy: { proxy: options.proxy, noProxy: options.noProxy },
    auth,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    maxConcurrency: options.maxConcurrency ?? 4,
    toError: toSageX3Error,
    logger: options.logger,
    userAgent: options.userAgent ?? "ml-connector-sage-x3-client",
    // On every request, added by the transport: openapi-fetch would copy it into a new Headers per call.
    headers: { accept: "application/json" },
  });
  // Each call names its `method` in its options: openapi-fetch adds it to a spread copy of them otherwise, which costs
  // V8 hidden-class data in the old generation on every call (docs/performance.md, memory).
  const api = createClient<paths>({
    baseUrl: serverUrl,
    fetch: transport,
    // The transport takes the request's fields as they are: no Request, body stream or Headers copy per call.
    Request: transportRequestClass,
    // Made once: openapi-fetch makes its default query serialiser again on every call.
    querySerializer: createQuerySerializer(),
    pathSerializer: createPathSerializer(encodePathValue),
    // Every X3 body is JSON: openapi-fetch's default serialiser first looks for FormData and reads the content type
    // from the call's Headers twice.
    bodySerializer: jsonBody,
  });
  const pageSize = options.pageSize ?? 100;

  const parseRecord = <C extends SageX3Class>(className: C, value: unknown): RecordOf<C> => {
    if (recordCheck(className)?.(value)) return value as RecordOf<C>;
    // Refused by the check (or none): the runtime parser says why, or accepts what the check could not decide.
    const parsed = classDefinitions[className].schema.safeParse(value);
    if (!parsed.success) {
      throw new SageX3Error(
        `Sage X3 sent a ${className} record that does not have the expected shape: ${parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
          .join("; ")}`,
        { kind: "validation", retryable: false, details: { issues: parsed.error.issues } },
      );
    }
    return parsed.data as RecordOf<C>;
  };

  /**
   * The JSON of a record (or a page of records) X3 sent as text, parsed; text that is not JSON (a proxy's HTML page) is
   * refused with the client's error, as a record of the wrong shape is, not as a bare SyntaxError.
   */
  const recordFromText = (className: SageX3Class, text: unknown, what: "record" | "page" = "record"): unknown => {
    if (typeof text !== "string" || text === "") return text;
    try {
      return JSON.parse(text);
    } catch {
      throw new SageX3Error(
        `Sage X3 sent ${what === "page" ? `a ${className} page` : `back a ${className}`} that is not JSON: ${JSON.stringify(text.slice(0, 200))}`,
        {
          kind: "validation",
          retryable: false,
        },
      );
    }
  };

  const resolveWhere = <C extends SageX3Class>(input: WhereInput<C> | undefined): WhereClause | undefined => {
    if (input === undefined) return undefined;
    const clause = typeof input === "function" ? input(whereBuilder as WhereBuilder<FieldOf<C>>) : input;
    if (!(clause instanceof WhereClause)) {
      throw new ConnectorError("`where` must be built with the where builder (strings are refused).", {
        kind: "validation",
      });
    }
    return clause;
  };

  /** X3's 500 on an unknown property names it in words we cannot rely on: name the where field ourselves. */
  const explainQueryError = (error: unknown, className: SageX3Class, clause: WhereClause | undefined): unknown => {
    if (!(error instanceof SageX3Error) || error.status !== 500 || error.kind === "configuration" || !clause)
      return error;
    const text = error.diagnoses.map((d) => d.message).join(" ");
    const field = clause.fields.find((name) => new RegExp(`\\b${name}\\b`).test(text));
    return new SageX3Error(
      `Sage X3 answered HTTP 500 to a ${className} query filtering on ${field ?? clause.fields.join(", ")}: ${
        field ? `the property ${field} is` : "one of these properties may be"
      } unknown to representation ${classes[className].representation}. ${text}`,
      {
        kind: "configuration",
        status: 500,
        requestId: error.requestId,
        retryable: false,
        details: error.details,
        diagnoses: error.diagnoses,
        unknownField: field,
        cause: error,
      },
    );
  };

  /**
   * Where to fetch the `$next` page. Syracuse writes its links on its own host (`http://x3-internal:8124/...`), which
   * behind a reverse proxy is not the configured `serverUrl`: the link's path and query are taken onto the configured
   * origin, so the token never goes to another host. The path must still be the query's own resource.
   */
  const nextPageUrl = (link: string, resourcePath: string): URL => {
    const parsed = new URL(link, server);
    const prefix = server.pathname.replace(/\/+$/, "");
    const path = parsed.pathname.startsWith(`${prefix}/`) ? parsed.pathname : `${prefix}${parsed.pathname}`;
    if (!path.endsWith(resourcePath)) {
      throw new ConnectorError(
        `Sage X3 sent a $links.$next (${parsed.origin}${parsed.pathname}) that is not the ${resourcePath} query: not followed.`,
        { kind: "security", retryable: false },
      );
    }
    if (parsed.origin !== server.origin) {
      logger.debug({ linkOrigin: parsed.origin }, "following $next on the configured origin");
    }
    return resolveSameOrigin(`${server.origin}${path}${parsed.search}`, server, "$links.$next");
  };

  function pages<C extends SageX3Class>(className: C, queryOptions: QueryOptions<C> = {}) {
    return runPages(className, {
      clause: resolveWhere(queryOptions.where),
      orderBy: queryOptions.orderBy ? formatOrderBy(queryOptions.orderBy) : undefined,
      count: queryOptions.count,
      signal: queryOptions.signal,
    });
  }

  async function* runPages<C extends SageX3Class>(
    className: C,
    queryOptions: PageQuery,
  ): AsyncGenerator<SageX3Page<C>> {
    let next: URL | undefined;
    do {
      const page = await fetchPage(className, queryOptions, next);
      yield { records: page.records, nextUrl: page.next?.toString() } satisfies SageX3Page<C>;
      next = page.next;
    } while (next);
  }

  /**
   * One page of a query, its records checked: the first (`at` undefined) or the one a `$next` link gave. The page's
   * own `$next` is checked before the page is handed out: a link that leaves the query is refused, not half-followed.
   */
  async function fetchPage<C extends SageX3Class>(
    className: C,
    queryOptions: PageQuery,
    at: URL | undefined,
  ): Promise<{ records: RecordOf<C>[]; next: URL | undefined }> {
    const { clause, orderBy } = queryOptions;
    const { className: cls, representation } = classes[className];
    let body: unknown;
    try {
      if (at === undefined) {
        const count = queryOptions.count ?? pageSize;
        if (!Number.isInteger(count) || count < 1) {
          throw new ConnectorError(`count must be a positive whole number, not ${count}.`, { kind: "validation" });
        }
        // Built field by field: a spread of a conditional object literal makes that object and copies it.
        const query: { representation: string; count: number; where?: string; orderBy?: string } = {
          representation: `${representation}.$query`,
          count,
        };
        if (clause) query.where = clause.toString();
        if (orderBy) query.orderBy = orderBy;
        const { data } = await api.GET("/api1/x3/erp/{endpoint}/{class}", {
          method: "GET",
          params: { path: { endpoint: options.endpoint, class: cls }, query },
          parseAs: "text",
          signal: queryOptions.signal,
        });
        body = recordFromText(className, data, "page");
      } else {
        const response = await transport(new TransportRequest(at, { signal: queryOptions.signal ?? null }));
        body = recordFromText(className, await response.text(), "page");
      }
    } catch (error) {
      throw explainQueryError(error, className, clause);
    }
    const page = pageSchema.safeParse(body);
    if (!page.success) {
      throw new SageX3Error(`Sage X3 sent a ${className} page without $resources.`, {
        kind: "validation",
        retryable: false,
      });
    }
    const nextLink = page.data.$links?.$next?.$url;
    return {
      records: page.data.$resources.map((resource) => parseRecord(className, resource)),
      next: nextLink ? nextPageUrl(nextLink, `/api1/x3/erp/${options.endpoint}/${cls}`) : undefined,
    };
  }

  async function* query<C extends SageX3Class>(className: C, queryOptions?: QueryOptions<C>) {
    for await (const page of pages(className, queryOptions)) yield* page.records;
  }

  async function* records<C extends SageX3Class>(pageSource: AsyncGenerator<SageX3Page<C>>) {
    for await (const page of pageSource) yield* page.records;
  }

  function changedPages<C extends SageX3Class>(
    className: C,
    since: Date | string,
    changed: ChangedSinceOptions<C> = {},
  ): AsyncGenerator<SageX3Page<C>> {
    const from = since instanceof Date ? since : new Date(since);
    if (Number.isNaN(from.getTime())) {
      throw new ConnectorError(`changedSince needs a valid timestamp, not "${String(since)}".`, { kind: "validation" });
    }
    const extra = resolveWhere(changed.where);
    const clauses = [whereBuilder.ge("UPDDATTIM", from)];
    if (changed.until) clauses.push(whereBuilder.lt("UPDDATTIM", changed.until));
    if (extra) clauses.push(extra);
    const orderBy: OrderBy[] = [
      ["UPDDATTIM", "asc"],
      ...classDefinitions[className].keyFields.map((field) => [field, "asc"] as const),
    ];
    return runPages(className, {
      clause: whereBuilder.and(...clauses),
      orderBy: formatOrderBy(orderBy),
      count: changed.count,
      signal: changed.signal,
    });
  }

  const postCreate = <C extends SageX3Class>(
    className: C,
    record: SageX3Input<C>,
    call: CallOptions | undefined,
    parseAs: "json" | "text",
  ) => {
    const { className: cls, representation } = classes[className];
    return api.POST("/api1/x3/erp/{endpoint}/{class}", {
      method: "POST",
      params: {
        path: { endpoint: options.endpoint, class: cls },
        query: { representation: `${representation}.$create` },
      },
      body: record,
      parseAs,
      signal: call?.signal,
    });
  };

  /** The created record's key: from the Location header, else from the key fields of the record X3 sent back. */
  const createdKey = (className: SageX3Class, response: Response, saved: () => unknown): string => {
    const location = response.headers.get("location");
    let key = location ? keyFromLocation(location) : undefined;
    if (key === undefined) {
      const record = saved() as Record<string, unknown>;
      key = classDefinitions[className].keyFields.map((field) => String(record[field] ?? "")).join("~");
    }
    if (!key) {
      throw new SageX3Error(`Sage X3 created a ${className} but sent neither a Location nor its key.`, {
        kind: "server",
        status: response.status,
        retryable: false,
      });
    }
    logger.info({ class: className, key }, "created in Sage X3");
    return key;
  };

  const client: SageX3Client = {
    serverUrl,
    endpoint: options.endpoint,
    auth,
    tokens,
    pages,
    query,

    changedPages,
    changedSince: (className, since, changed) => records(changedPages(className, since, changed)),

    async read(className, key, call) {
      const { className: cls, representation } = classes[className];
      try {
        const { data } = await api.GET("/api1/x3/erp/{endpoint}/{class}('{key}')", {
          method: "GET",
          params: {
            path: { endpoint: options.endpoint, class: cls, key: formatKey(key) },
            query: { representation: `${representation}.$details` },
          },
          parseAs: "text",
          signal: call?.signal,
        });
        return parseRecord(className, recordFromText(className, data));
      } catch (error) {
        if (isConnectorError(error) && error.kind === "not-found") return undefined;
        throw error;
      }
    },

    async create(className, record, call) {
      // Read as text, then parsed here: an answer that is not JSON is refused with the client's error, not a SyntaxError.
      const { data, response } = await postCreate(className, record, call, "text");
      const saved = parseRecord(className, recordFromText(className, data));
      return { key: createdKey(className, response, () => saved), record: saved };
    },

    async createKey(className, record, call) {
      // Read as text: the answer is parsed only when the Location does not give the key.
      const { data, response } = await postCreate(className, record, call, "text");
      return createdKey(className, response, () => parseRecord(className, recordFromText(className, data)));
    },

    async update(className, key, changes, call) {
      const { className: cls, representation } = classes[className];
      const { data } = await api.PUT("/api1/x3/erp/{endpoint}/{class}('{key}')", {
        method: "PUT",
        params: {
          path: { endpoint: options.endpoint, class: cls, key: formatKey(key) },
          query: { representation: `${representation}.$edit` },
        },
        body: changes,
        // A PUT is repeated after a lost answer, but one that appends lines would append them twice.
        headers: appendsLines(changes) ? { [IDEMPOTENT_HEADER]: "false" } : {},
        parseAs: "text",
        signal: call?.signal,
      });
      return parseRecord(className, recordFromText(className, data));
    },

    async delete(className, key, call) {
      const { className: cls, representation } = classes[className];
      await api.DELETE("/api1/x3/erp/{endpoint}/{class}('{key}')", {
        method: "DELETE",
        params: {
          path: { endpoint: options.endpoint, class: cls, key: formatKey(key) },
          query: { representation: `${representation}.$edit` },
        },
        parseAs: "text",
        signal: call?.signal,
      });
    },

    async findByNaturalKey(
      className: "SORDER" | "PORDER",
      key: SalesOrderNaturalKey | PurchaseOrderNaturalKey,
      call?: CallOptions,
    ): Promise<never> {
      const clause =
        className === "SORDER"
          ? whereBuilder.and(
              whereBuilder.eq("BPCORD", (key as SalesOrderNaturalKey).BPCORD),
              whereBuilder.eq("CUSORDREF", (key as SalesOrderNaturalKey).CUSORDREF),
            )
          : whereBuilder.and(
              whereBuilder.eq("BPSNUM", (key as PurchaseOrderNaturalKey).BPSNUM),
              whereBuilder.eq("ORDREF", (key as PurchaseOrderNaturalKey).ORDREF),
            );
      // Its pages fetched directly, not through query()'s generators: it runs once per order, for one or two records.
      const lookup: PageQuery = { clause, orderBy: undefined, count: 2, signal: call?.signal };
      const found: Record<string, unknown>[] = [];
      let next: URL | undefined;
      do {
        const page = await fetchPage(className, lookup, next);
        found.push(...page.records);
        next = page.next;
      } while (found.length < 2 && next);
      if (found.length > 1) {
        const keyField = className === "SORDER" ? "SOHNUM" : "POHNUM";
        throw new ConnectorError(
          `More than one ${className} in Sage X3 has the natural key ${JSON.stringify(key)}: resolve the duplicates in X3.`,
          { kind: "duplicate", retryable: false, details: { keys: found.map((record) => record[keyField]) } },
        );
      }
      return found[0] as never;
    },
  };
  return client;
}
