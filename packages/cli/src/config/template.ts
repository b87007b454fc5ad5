import { csvColumns, type MappingKind } from "@ml-connector/sync-core";

export type X3AuthMode = "connected-app" | "authorization-code" | "basic";

const x3Auth: Record<X3AuthMode, string> = {
  "connected-app": `    // (b) Connected application (X3 → Administration → Connected applications): the connector signs its own JWT.
    "auth": {
      "mode": "connected-app",
      "clientId": "\${X3_CLIENT_ID}",
      "secret": "\${X3_CLIENT_SECRET}",
      "user": "\${X3_USER}"
    },`,
  "authorization-code": `    // (a) Cloud gateway OAuth2: pair once with \`ml-connector auth sage-x3\` (tokens are kept in the store).
    "auth": {
      "mode": "authorization-code",
      "clientId": "\${X3_CLIENT_ID}",
      "clientSecret": "\${X3_CLIENT_SECRET}",
      "redirectUri": "http://127.0.0.1:8765/callback",
      "authorizeUrl": "https://api.eu-sagex3.com/v1/token/authorise",
      "tokenUrl": "https://api.eu-sagex3.com/v1/token"
    },`,
  basic: `    // (c) Basic: on-premise fallback, https only.
    "auth": {
      "mode": "basic",
      "username": "\${X3_USER}",
      "password": "\${X3_PASSWORD}"
    },`,
};

/** The commented config `init` writes (JSON with comments; `$schema` gives editors completion). */
export function configTemplate(options: { schemaFile: string; x3Auth: X3AuthMode; mappingsDir: string }): string {
  const csv = (kind: MappingKind) => `"${options.mappingsDir}/${csvFileNames[kind]}"`;
  return `// ml-connector configuration (JSON with comments). Reference: packages/cli/README.md and docs/.
// Secrets are never written here: "\${NAME}" is read from the environment variable NAME when the connector starts.
// Check everything with: ml-connector doctor
{
  "$schema": "./${options.schemaFile}",

  // SPS Commerce: the application's keys from the SPS developer portal (Applications → your app).
  "sps": {
    "baseUrl": "https://api.spscommerce.com",
    "authUrl": "https://auth.spscommerce.com",
    "clientId": "\${SPS_CLIENT_ID}",
    "clientSecret": "\${SPS_CLIENT_SECRET}",
    // true: read 850s from testout/ and send 855/856/810 to testin/ while you certify with a retailer.
    "testMode": true
    // The mailbox folders of your account (testMode maps each to its test twin: out/ → testout/, in/ → testin/).
    // Most accounts get 850s straight in out/ and take uploads in in/ (the defaults). Accounts set up by document
    // type get them in out/PO/ (beside out/IN/, out/SH/...): \`ml-connector doctor\` lists what yours has.
    // "mailbox": {
    //   "inbound": ["out/"],              // or ["out/PO/"], or ["out/*/"] for every subfolder of out/
    //   "outbound": "in/"                 // or { "855": "in/PR/", "856": "in/SH/", "810": "in/IN/" }
    // }
    // Behind a proxy: HTTPS_PROXY / NO_PROXY from the environment are used; or set it here (false: direct).
    // "proxy": "http://proxy.example.com:3128"
  },

  // Sage X3: the Syracuse server and the endpoint (X3 folder) the connector works in.
  "sageX3": {
    "serverUrl": "https://x3.example.com:8124",
    "endpoint": "SEED",
${x3Auth[options.x3Auth]}
    // Representation names when your installation renamed them, e.g. "SORDER": { "representation": "ZSOH" }.
    "classes": {}
    // The order line field your X3 keeps the retailer's line number in, if you added one (docs/configuration.md):
    // "sourceLineField": "ZSRCLIN"
    // An on-premises X3 is usually reached directly: list it in NO_PROXY, or set "proxy": false here.
  },

  // Cursors, the audit trail, tokens and mappings live in one SQLite file (relative to this file).
  "store": { "sqlite": ".ml-connector/state.sqlite" },
  // Several instances on one PostgreSQL store instead (docs/multiple-instances.md):
  //   "store": { "postgres": { "connectionString": "\${ML_CONNECTOR_DATABASE_URL}" } },
  //   "instance": { "id": "\${HOSTNAME}", "workClaims": true },

  // Every flow runs every intervalMinutes under \`ml-connector sync\` (1-60).
  "flows": {
    "orders-in": { "enabled": true, "intervalMinutes": 5, "concurrency": 8 },
    "acks-out": { "enabled": true, "intervalMinutes": 10 },
    // Your GS1 company prefix numbers the SSCC-18 of every pack: replace the example prefix below.
    "asns-out": {
      "enabled": true,
      "intervalMinutes": 10,
      "gs1CompanyPrefix": "0614141",
      "shipFrom": { "default": { "AddressName": "Main warehouse", "City": "Chicago", "State": "IL", "Country": "US" } }
    },
    "invoices-out": { "enabled": true, "intervalMinutes": 15 }
  },

  // Mappings: loaded (validated, all or nothing) on every start; \`ml-connector mappings import\` adds more.
  "mappings": {
    "csv": {
      "partners": ${csv("partners")},
      "shipTos": ${csv("shipTos")},
      "items": ${csv("items")},
      "uoms": ${csv("uoms")},
      "costCentres": ${csv("costCentres")}
    }
  }
}
`;
}

export const csvFileNames: Record<MappingKind, string> = {
  partners: "partners.csv",
  shipTos: "ship-tos.csv",
  items: "items.csv",
  uoms: "uoms.csv",
  costCentres: "cost-centres.csv",
};

/** An example row per kind, in the columns of sync-core's `csvColumns` (required first). */
const examples: Record<MappingKind, Record<string, string>> = {
  partners: {
    partnerId: "ACME",
    site: "US01",
    orderType: "SON",
    currency: "USD",
    name: "Acme Retail Stores",
    orderKind: "sales",
    x3Customer: "C0001",
    x3Supplier: "",
    itemLookupOrder: "vendorPartNumber|upc",
    testMode: "true",
    rsxVersion: "7.7",
  },
  shipTos: { partnerId: "ACME", locationNumber: "0042", x3AddressCode: "DC01", x3Customer: "" },
  items: {
    itemRef: "WID-001",
    partnerId: "",
    vendorPartNumber: "WID-001",
    buyerPartNumber: "B-1001",
    upc: "012345678905",
    gtin: "",
  },
  uoms: { ediUnit: "EA", x3Unit: "EA", partnerId: "" },
  costCentres: { partnerId: "ACME", dimensions: "CCT=RETAIL", department: "" },
};

/** A CSV template: the header (sync-core's columns; the items file without the one-row-per-identifier columns) and one example row. */
export function csvTemplate(kind: MappingKind): string {
  const { required, optional } = csvColumns[kind];
  const columns = [...required, ...optional].filter((c) => !(kind === "items" && (c === "kind" || c === "value")));
  const row = columns.map((column) => quote(examples[kind][column] ?? ""));
  return `${columns.join(",")}\n${row.join(",")}\n`;
}

function quote(cell: string): string {
  return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
