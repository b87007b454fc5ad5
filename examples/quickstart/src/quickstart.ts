// The connector end to end, against the SPS and Sage X3 sandboxes (real HTTP on 127.0.0.1):
// 850s in SPS out/ → sales orders in X3 → X3 users allocate, deliver, invoice → 855, 856, 810 in SPS in/.
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createSageX3Client } from "@ml-connector/sage-x3-client";
import { startSageX3Sandbox, startSpsSandbox } from "@ml-connector/sandbox";
import { createSpsClient } from "@ml-connector/sps-client";
import {
  createConnector,
  createMemoryStores,
  createSageX3ChangeFeed,
  createSageX3OrderGateway,
  createSpsDocumentSink,
  createSpsMailboxSource,
  type FlowRunSummary,
  importMappingCsvFile,
} from "@ml-connector/sync-core";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Runs the demo and reports through `print`; returns what a test wants to check. */
export async function runQuickstart(print: (line: string) => void = console.log) {
  // 1. Two simulated systems. SPS gets the retailer's purchase orders in its out/ mailbox.
  const sps = await startSpsSandbox({ tokenRateLimit: false });
  const x3 = await startSageX3Sandbox();
  try {
    for (const name of await readdir(here("../orders"))) {
      sps.mailbox.putOutbound(name, await readFile(here(`../orders/${name}`)));
    }

    // 2. State (cursors, mappings, audit trail, tokens) in memory; mappings from CSV files.
    const stores = createMemoryStores();
    for (const kind of ["partners", "shipTos", "items", "uoms"] as const) {
      await importMappingCsvFile(stores.mappings, kind, here(`../mappings/${kind}.csv`));
    }

    // 3. The two clients and the connector with its four flows.
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
      clock: x3.clock, // tokens are minted in the sandbox's time, which this demo moves on
    });
    // The outbound flows read X3 changes up to "now - 30 s"; here "now" is the sandbox's clock, which we move on.
    const now = () => new Date(x3.clock.now());
    const connector = createConnector({
      stores,
      orderSource: createSpsMailboxSource(spsClient),
      orderGateway: createSageX3OrderGateway(x3Client),
      changeFeed: createSageX3ChangeFeed(x3Client),
      documentSink: createSpsDocumentSink(spsClient),
      flows: {
        "acks-out": { now },
        "asns-out": {
          now,
          gs1CompanyPrefix: "0614141",
          shipFrom: { US01: { AddressName: "Chicago DC", City: "Chicago" } },
        },
        "invoices-out": { now },
      },
    });
    const summaries: FlowRunSummary[] = [];
    const run = async (flow: FlowRunSummary["flow"]) => {
      const summary = await connector.runOnce(flow);
      summaries.push(summary);
      const error = summary.error ? ` failed: ${summary.error.kind}: ${summary.error.message}` : "";
      print(`${flow.padEnd(12)} ${summary.documents} document(s) ${JSON.stringify(summary.outcomes)}${error}`);
    };

    // 4. Orders in: every 850 becomes an X3 sales order, or is rejected with the reason.
    await run("orders-in");
    for (const rejected of (await stores.audit.findDocuments({ status: "rejected" })).items) {
      print(`  rejected ${rejected.fileName}: ${rejected.reasons.map((r) => `${r.path} ${r.message}`).join("; ")}`);
    }

    // 5. What X3 users do between two runs, then a minute passes and each outbound flow runs.
    const order = await x3Client.findByNaturalKey("SORDER", { BPCORD: "C0001", CUSORDREF: "1001" });
    if (!order) throw new Error("PO 1001 did not reach X3");
    x3.data.allocate(order.SOHNUM);
    x3.clock.advance(60_000);
    await run("acks-out");
    const delivery = x3.data.deliver(order.SOHNUM, { carrier: "UPSN", billOfLading: "BOL-1001", tracking: "1Z1001" });
    x3.clock.advance(60_000);
    await run("asns-out");
    x3.data.invoice(String(delivery.SDHNUM), { charges: [{ code: "FREIGHT", amount: 12.5 }] });
    x3.clock.advance(60_000);
    await run("invoices-out");

    // 6. The audit trail of one PO: 850 → SORDER → 855, SDELIVERY → 856, SINVOICE → 810.
    const chain = await connector.audit.chain({ poNumber: "1001", partnerId: "ACME" });
    print(`\nPO 1001 (X3 order ${order.SOHNUM}):`);
    for (const doc of chain.documents)
      print(`  ${doc.direction === "in" ? "<-" : "->"} ${doc.type} ${doc.status.padEnd(8)} ${doc.fileName ?? ""}`);
    for (const record of chain.records) print(`  X3 ${record.entity} ${record.key}`);
    const uploaded = sps.mailbox.inbound().map((file) => `${file.name} (${file.status})`);
    print(`\nSPS in/: ${uploaded.join(", ")}`);
    return { summaries, chain, uploaded };
  } finally {
    await Promise.all([sps.close(), x3.close()]);
  }
}
