// A retailer's rule set, checked on its own (parseRsx) and inside the connector (orders-in's partnerRules).
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { commonRules, parseRsx, type RsxIssue } from "@ml-connector/rsx";
import { createSageX3Client } from "@ml-connector/sage-x3-client";
import { startSageX3Sandbox, startSpsSandbox } from "@ml-connector/sandbox";
import { createSpsClient } from "@ml-connector/sps-client";
import {
  type AuditDocument,
  createConnector,
  createMemoryStores,
  createSageX3OrderGateway,
  createSpsMailboxSource,
  type FlowRunSummary,
} from "@ml-connector/sync-core";
import { megamartRules } from "./megamart-rules.js";

const ordersDir = fileURLToPath(new URL("../orders/", import.meta.url));

export interface PartnerRulesResult {
  /** File name → the issues parseRsx found (empty when the 850 passes). */
  checked: Record<string, readonly RsxIssue[]>;
  ordersIn: FlowRunSummary;
  documents: AuditDocument[];
}

export async function runPartnerRules(print: (line: string) => void = console.log): Promise<PartnerRulesResult> {
  const files = (await readdir(ordersDir)).sort();

  // 1. The rule set on its own: schema, then SPS-wide rules, then MegaMart's.
  const checked: Record<string, readonly RsxIssue[]> = {};
  for (const name of files) {
    const parsed = parseRsx(await readFile(ordersDir + name), { fileName: name, rules: [commonRules, megamartRules] });
    const issues = parsed.ok ? [] : parsed.issues;
    checked[name] = issues;
    print(parsed.ok ? `${name}: passes` : `${name}: ${issues.length} issue(s)`);
    for (const issue of issues) {
      print(`  ${issue.path || "(document)"} [${issue.code}${issue.rule ? `, ${issue.rule}` : ""}] ${issue.message}`);
    }
  }

  // 2. The same rule set in the connector: orders-in rejects what breaks it before anything reaches X3.
  const sps = await startSpsSandbox({ tokenRateLimit: false });
  const x3 = await startSageX3Sandbox();
  try {
    for (const name of files) sps.mailbox.putOutbound(name, await readFile(ordersDir + name));
    const stores = createMemoryStores();
    const spsClient = createSpsClient({
      baseUrl: sps.baseUrl,
      authUrl: sps.authUrl,
      credentials: sps.credentials,
      tokenStore: stores.tokens,
    });
    const x3Client = createSageX3Client({
      serverUrl: x3.baseUrl,
      endpoint: x3.endpoint,
      auth: { mode: "connected-app", ...x3.credentials.connectedApp },
      tokenStore: stores.tokens,
    });
    const connector = createConnector({
      stores,
      orderSource: createSpsMailboxSource(spsClient),
      orderGateway: createSageX3OrderGateway(x3Client),
      mappings: {
        partners: [{ partnerId: "MEGAMART", x3Customer: "C0002", site: "US01", orderType: "SON", currency: "USD" }],
        shipTos: [{ partnerId: "MEGAMART", locationNumber: "0614141000043", x3AddressCode: "DC09" }],
        items: [
          { kind: "vendorPartNumber", value: "WID-001", itemRef: "WID-001" },
          { kind: "vendorPartNumber", value: "WID-002", itemRef: "WID-002" },
        ],
        uoms: [{ ediUnit: "EA", x3Unit: "EA" }],
      },
      // Rule sets by TradingPartnerId; the outbound flows take the same option (e.g. "asns-out").
      flows: { "orders-in": { partnerRules: { MEGAMART: megamartRules } } },
    });
    const ordersIn = await connector.runOnce("orders-in");
    print(`\norders-in: ${JSON.stringify(ordersIn.outcomes)}`);
    const { items: documents } = await connector.audit.findDocuments({ partnerId: "MEGAMART", order: "asc" });
    for (const doc of documents) {
      print(`  ${doc.fileName}: ${doc.status}${doc.x3Key ? ` as X3 order ${doc.x3Key}` : ""}`);
      for (const reason of doc.reasons) print(`    ${reason.path} [${reason.code}] ${reason.message}`);
    }
    return { checked, ordersIn, documents };
  } finally {
    await Promise.all([sps.close(), x3.close()]);
  }
}
