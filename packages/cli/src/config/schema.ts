import {
  configItemSchema,
  costCentreSchema,
  flowNames,
  partnerIdSchema,
  shipToSchema,
  sourceLineFieldProblem,
  tradingPartnerSchema,
  uomMappingSchema,
} from "@ml-connector/sync-core";
import { z } from "zod";

/**
 * The config file of the `ml-connector` command (JSON with comments). Secrets are written as `${ENV_VAR}` and
 * substituted from the environment before this schema sees the file. `config.schema.json` is generated from it
 * (`pnpm --filter @ml-connector/cli generate`) and referenced by `$schema` for editor completion.
 */

const url = z.url({ protocol: /^https?$/ }).describe("An absolute http(s) URL; plain http only on loopback.");
const secret = (what: string) =>
  z.string().min(1).describe(`${what}. Write \${ENV_VAR} to read it from the environment; it is never printed.`);

const proxySettings = {
  proxy: z
    .union([z.string().min(1), z.literal(false)])
    .optional()
    .describe(
      `The proxy for this system, e.g. http://proxy.example.com:3128 (credentials as http://user:\${PROXY_PASSWORD}@...), or false to connect directly. Default: HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment.`,
    ),
  noProxy: z
    .string()
    .optional()
    .describe('Hosts that bypass the proxy, as in NO_PROXY ("x3.corp.local,.internal,10.0.0.0/8"). Replaces NO_PROXY.'),
};

const inboundFolder = z
  .string()
  .regex(/^\/?out(\/[A-Za-z0-9._-]+)*(\/\*)?\/?$/, "a folder under out/, e.g. out/ or out/PO/ or out/*/")
  .describe("A folder under out/; a last segment * means every subfolder (out/*/).");
const outboundFolder = z
  .string()
  .regex(/^\/?in(\/[A-Za-z0-9._-]+)*\/?$/, "a folder under in/, e.g. in/ or in/PR/")
  .describe("A folder under in/.");

const mailboxSchema = z
  .strictObject({
    inbound: z
      .array(inboundFolder)
      .min(1)
      .default(["out/"])
      .describe(
        'Folders the 850s are read from. Default ["out/"]; ["out/PO/"] or ["out/*/"] on accounts set up by type.',
      ),
    outbound: z
      .union([
        outboundFolder,
        z.strictObject({
          default: outboundFolder.optional().describe("Documents without a folder of their own. Default in/."),
          "855": outboundFolder.optional(),
          "856": outboundFolder.optional(),
          "810": outboundFolder.optional(),
        }),
      ])
      .default("in/")
      .describe('Where 855/856/810 are uploaded: one folder ("in/"), or one per type ({ "855": "in/PR/", ... }).'),
  })
  .describe(
    "The mailbox folders of this account. testMode maps each to its test twin (out/ → testout/, in/ → testin/).",
  );

const spsSchema = z
  .strictObject({
    baseUrl: url.default("https://api.spscommerce.com").describe("The Transaction API server."),
    authUrl: url.default("https://auth.spscommerce.com").describe("The Auth0 server issuing tokens."),
    audience: z.string().min(1).optional().describe("Token audience. Default https://spscommerce.com"),
    clientId: z.string().min(1).describe("The application's client id (SPS developer portal)."),
    clientSecret: secret("The application's client secret"),
    refreshToken: secret("A refresh token from the authorization-code pairing").optional(),
    flow: z
      .enum(["client_credentials", "authorization_code"])
      .optional()
      .describe("Default client_credentials, or authorization_code when refreshToken is set."),
    testMode: z
      .boolean()
      .default(false)
      .describe("Read 850s from testout/ and send 855/856/810 to testin/ (SPS's test mailboxes)."),
    timeoutMs: z.int().positive().optional().describe("Per-attempt HTTP timeout. Default 30000."),
    ...proxySettings,
    mailbox: mailboxSchema.default({ inbound: ["out/"], outbound: "in/" }),
  })
  .describe("SPS Commerce: OAuth2 (Auth0) and the Transaction API v5 mailbox.");

const authorizationCodeSchema = z.strictObject({
  mode: z.literal("authorization-code"),
  clientId: z.string().min(1),
  clientSecret: secret("The gateway client secret"),
  redirectUri: url.describe(
    "The loopback callback `ml-connector auth sage-x3` listens on, e.g. http://127.0.0.1:8765/callback",
  ),
  tokenUrl: url.describe("The gateway's token endpoint, e.g. https://api.eu-sagex3.com/v1/token"),
  authorizeUrl: url
    .optional()
    .describe("The gateway's pairing page, e.g. https://api.eu-sagex3.com/v1/token/authorise"),
  scope: z.string().min(1).optional(),
});

const connectedAppSchema = z.strictObject({
  mode: z.literal("connected-app"),
  clientId: z.string().min(1),
  secret: secret("The connected application's secret (signs the HS256 JWT)"),
  user: z.string().min(1).describe("The X3 user the application acts as (JWT sub)."),
  audience: z.string().min(1).optional().describe("JWT aud. Default: serverUrl."),
  lifetimeSeconds: z.int().positive().optional(),
});

const basicSchema = z.strictObject({
  mode: z.literal("basic"),
  username: z.string().min(1),
  password: secret("The X3 user's password"),
});

const sageX3ClassNames = [
  "SORDER",
  "SDELIVERY",
  "SINVOICE",
  "PORDER",
  "BPCUSTOMER",
  "BPSUPPLIER",
  "ITMMASTER",
  "CACCE",
] as const;

const sageX3Schema = z
  .strictObject({
    serverUrl: url.describe("The Syracuse server, e.g. https://x3.example.com:8124"),
    endpoint: z.string().min(1).describe("The Syracuse endpoint (X3 folder), e.g. SEED."),
    auth: z
      .discriminatedUnion("mode", [authorizationCodeSchema, connectedAppSchema, basicSchema])
      .describe("authorization-code (cloud gateway), connected-app (HS256 JWT) or basic (on-premise, https)."),
    classes: z
      .partialRecord(
        z.enum(sageX3ClassNames),
        z.strictObject({ class: z.string().min(1).optional(), representation: z.string().min(1).optional() }),
      )
      .optional()
      .describe("Class and representation names of this installation, e.g. { SORDER: { representation: ZSOH } }."),
    pageSize: z.int().min(1).max(1000).optional().describe("count asked of $query. Default 100."),
    sourceLineField: z
      .string()
      .superRefine((field, context) => {
        const problem = sourceLineFieldProblem(field);
        if (problem) context.addIssue({ code: "custom", message: problem });
      })
      .optional()
      .describe(
        "The order line field (on SOHSOP and POHPOP) where your installation keeps the retailer's line number, e.g. ZSRCLIN: written on create, used to pair lines on 05/860 changes and echoed on 855/856/810. Default: none (lines pair by item, in order).",
      ),
    timeoutMs: z.int().positive().optional(),
    ...proxySettings,
  })
  .describe("Sage X3 api1 REST web services.");

const schedule = {
  enabled: z.boolean().default(true),
  intervalMinutes: z.number().min(1).max(60).default(10).describe("Minutes between runs (1-60)."),
  jitter: z.number().min(0).max(1).optional().describe("Up to this fraction of the interval is added at random."),
  concurrency: z.int().min(1).max(32).optional().describe("Documents handled at the same time. Default 8."),
};

const outbound = {
  ...schedule,
  format: z.enum(["json", "xml"]).optional(),
  model: z.enum(["BulkImport", "CrossDock", "DropShip", "MultiStore"]).optional(),
  commonRules: z.boolean().optional(),
  testMode: z.boolean().optional(),
  lookbackMs: z.int().min(0).optional(),
  safetyLagMs: z.int().min(0).optional(),
  startFrom: z.iso.datetime({ offset: true }).optional().describe("Where the first run starts. Default 24 h back."),
};

const address = z.looseObject({
  AddressName: z.string().optional(),
  Address1: z.string().optional(),
  Address2: z.string().optional(),
  City: z.string().optional(),
  State: z.string().optional(),
  PostalCode: z.string().optional(),
  Country: z.string().optional(),
});

const flowsSchema = z
  .strictObject({
    "orders-in": z
      .strictObject({
        ...schedule,
        commonRules: z.boolean().optional(),
        lenient: z.boolean().optional().describe("Unknown properties become warnings instead of a rejection."),
        maxBytes: z.int().positive().optional(),
        changeWaitMs: z
          .int()
          .positive()
          .optional()
          .describe(
            "How long an 860 whose order is not in X3 yet waits in the mailbox before it is rejected (default 48 h).",
          ),
      })
      .default({ enabled: true, intervalMinutes: 10 }),
    "acks-out": z.strictObject(outbound).default({ enabled: true, intervalMinutes: 10 }),
    "asns-out": z
      .strictObject({
        ...outbound,
        gs1CompanyPrefix: z
          .string()
          .regex(/^\d{7,10}$/, "7-10 digits")
          .optional()
          .describe("GS1 company prefix for the SSCC-18 of every pack (required by asns-out)."),
        extensionDigit: z.int().min(0).max(9).optional(),
        shipFrom: z
          .record(z.string(), address)
          .optional()
          .describe("Ship-from address per X3 site (STOFCY/SALFCY); `default` for the rest."),
        transportModes: z.record(z.string(), z.string()).optional().describe("X3 MDL → carrier transport method code."),
      })
      .default({ enabled: true, intervalMinutes: 10 }),
    "invoices-out": z
      .strictObject({
        ...outbound,
        chargeCodes: z.record(z.string(), z.string()).optional().describe("X3 invoicing element → X12 charge code."),
        paymentTerms: z.record(z.string(), z.looseObject({})).optional(),
        remitTo: address.optional(),
      })
      .default({ enabled: true, intervalMinutes: 10 }),
  })
  .describe("Per-flow settings; every flow is enabled by default.");

const ruleBlock = {
  required: z.array(z.string().min(1)).optional().describe("Selectors that must reach a present, non-empty value."),
  maxLength: z.record(z.string(), z.int().positive()).optional(),
  allowed: z.record(z.string(), z.array(z.union([z.string(), z.number()]))).optional(),
  pattern: z
    .record(z.string(), z.string())
    .optional()
    .describe("Regular expressions (source text) string values must match."),
};
const rsxTypes = ["Order", "OrderAck", "Shipment", "Invoice", "OrderChange"] as const;

/** A retailer's rule set, declarative (see @ml-connector/rsx `defineRuleSet`): applied on top of the schema. */
const partnerRuleSetSchema = z.strictObject({
  name: z.string().min(1).optional().describe("Shown with every issue it reports. Default: the partner id."),
  appliesTo: z.array(z.enum(rsxTypes)).optional(),
  severity: z.enum(["error", "warning"]).optional(),
  ...ruleBlock,
  documents: z.partialRecord(z.enum(rsxTypes), z.strictObject(ruleBlock)).optional(),
});

const csvFiles = z.union([z.string().min(1), z.array(z.string().min(1))]);

const mappingsSchema = z
  .strictObject({
    partners: z.array(tradingPartnerSchema).optional(),
    shipTos: z.array(shipToSchema).optional(),
    items: z.array(configItemSchema).optional(),
    uoms: z.array(uomMappingSchema).optional(),
    costCentres: z.array(costCentreSchema).optional(),
    csv: z
      .strictObject({
        partners: csvFiles.optional(),
        shipTos: csvFiles.optional(),
        items: csvFiles.optional(),
        uoms: csvFiles.optional(),
        costCentres: csvFiles.optional(),
      })
      .optional()
      .describe("CSV files per kind (paths relative to the config file), loaded on every start."),
  })
  .describe("Trading partners, ship-tos, items, units, cost centres: inline and/or CSV files.");

const defaultSqlitePath = ".ml-connector/state.sqlite";

const postgresStoreSchema = z
  .strictObject({
    connectionString: secret("postgres://USER:PASSWORD@HOST:5432/DATABASE (add ?sslmode=verify-full across a network)"),
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "lower-case letters, digits and _, starting with a letter or _")
      .default("ml_connector")
      .describe("The schema holding the tables, created on first start when missing."),
    poolSize: z.int().min(1).max(1000).default(10).describe("Connections this instance may open."),
    preparedStatements: z
      .boolean()
      .default(true)
      .describe(
        "Prepare each statement once per connection under a name. false behind PgBouncer in transaction mode without max_prepared_statements (before 1.21, or set to 0).",
      ),
    groupWrites: z
      .boolean()
      .default(false)
      .describe(
        "Commit the audit writes of a step together (about 2 commits per 850 instead of 6, on one connection): for a server where a commit is slow (synchronous replication, slow disk).",
      ),
  })
  .describe("A PostgreSQL schema that any number of instances share (docs/postgresql.md).");

/** Where the connector keeps its state: `{ sqlite: FILE }` (the default) or `{ postgres: { connectionString } }`. */
const storeSchema = z
  .strictObject({
    sqlite: z
      .string()
      .min(1)
      .optional()
      .describe(
        `The SQLite file (relative to the config file) holding cursors, audit, tokens and mappings. Default ${defaultSqlitePath}.`,
      ),
    commitHoldMs: z
      .int()
      .min(0)
      .max(1000)
      .optional()
      .describe(
        "SQLite only: how long a document's last writes may wait for the next document's to share its commit (one fsync per document). Default 25. Longer saves fsyncs when documents come slowly; the open transaction makes another process writing to the file wait that long.",
      ),
    postgres: postgresStoreSchema.optional(),
  })
  .refine((store) => store.sqlite === undefined || store.postgres === undefined, {
    message: "give store.sqlite or store.postgres, not both",
  })
  .refine((store) => store.commitHoldMs === undefined || store.postgres === undefined, {
    message: "store.commitHoldMs is for store.sqlite (store.postgres.groupWrites groups PostgreSQL's commits)",
  })
  .transform(
    (
      store,
    ): { sqlite: string; commitHoldMs?: number | undefined } | { postgres: z.output<typeof postgresStoreSchema> } =>
      store.postgres !== undefined
        ? { postgres: store.postgres }
        : { sqlite: store.sqlite ?? defaultSqlitePath, commitHoldMs: store.commitHoldMs },
  )
  .describe(
    "One SQLite file (default: one instance, or processes on one host) or a PostgreSQL schema (several instances).",
  );
export type StoreConfig = z.output<typeof storeSchema>;

/** This instance, and how several instances on one store share the work (docs/multiple-instances.md). */
const instanceSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, "letters, digits, . _ : - (at most 100)")
      .optional()
      .describe("Names this instance in locks, claims and the ledger. Default: host name and process id."),
    workClaims: z
      .boolean()
      .default(false)
      .describe(
        "true when several instances share the store (store.postgres, or one SQLite file on one host): orders-in runs on every instance, each file and PO claimed by one; outbound flows run on one instance at a time.",
      ),
    claimLeaseSeconds: z
      .int()
      .min(5)
      .max(3600)
      .default(60)
      .describe("How long a claim outlives a dead instance (renewed every third of it while the instance works)."),
    lockLeaseSeconds: z
      .int()
      .min(10)
      .max(86_400)
      .default(120)
      .describe("How long a flow's lock outlives a dead instance (renewed every third of it while the run works)."),
    inDoubtSeconds: z
      .int()
      .min(0)
      .max(86_400)
      .default(120)
      .describe(
        "How long a call to Sage X3 or SPS that timed out, lost its answer or was cut by a crash may still take effect there. The connector looks for it, and redoes it only if it did not happen, once this has passed. Longer than the clients' request timeout.",
      ),
  })
  .describe("This instance, and how several instances on one store share the work (docs/multiple-instances.md).");

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    sps: spsSchema,
    sageX3: sageX3Schema,
    store: storeSchema.default({ sqlite: defaultSqlitePath }),
    instance: instanceSchema.default({
      workClaims: false,
      claimLeaseSeconds: 60,
      lockLeaseSeconds: 120,
      inDoubtSeconds: 120,
    }),
    flows: flowsSchema.default({
      "orders-in": { enabled: true, intervalMinutes: 10 },
      "acks-out": { enabled: true, intervalMinutes: 10 },
      "asns-out": { enabled: true, intervalMinutes: 10 },
      "invoices-out": { enabled: true, intervalMinutes: 10 },
    }),
    mappings: mappingsSchema.default({}),
    partnerRules: z
      .record(partnerIdSchema, partnerRuleSetSchema)
      .optional()
      .describe(
        "Retailer rule sets by TradingPartnerId, e.g. { ACME: { documents: { Shipment: { required: [Header.ShipmentHeader.BillOfLadingNumber] } } } }: checked on their 850s and on every 855/856/810 before upload.",
      ),
  })
  .describe("ml-connector configuration");

export type ConnectorConfig = z.output<typeof configSchema>;
export type ConnectorConfigInput = z.input<typeof configSchema>;
export type SageX3AuthConfig = ConnectorConfig["sageX3"]["auth"];

/** The flow names a config (and `sync --flow`) may use. */
export const configFlowNames = flowNames;

/** The JSON Schema editors read (written by `init` next to the config, committed as config.schema.json). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...schema, title: "ml-connector configuration" };
}
