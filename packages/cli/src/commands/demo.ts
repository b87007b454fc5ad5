import { createSageX3Client } from "@ml-connector/sage-x3-client";
import {
  type SageX3Sandbox,
  type SandboxPair,
  type SpsMailboxLayout,
  type SpsSandbox,
  sandboxShipmentSettings,
  startSandboxPair,
} from "@ml-connector/sandbox";
import { createSpsClient } from "@ml-connector/sps-client";
import {
  type Connector,
  type ConnectorStores,
  createConnector,
  createMemoryStores,
  createSpsDocumentSink,
  createSpsMailboxSource,
  type FlowName,
  type FlowRunSummary,
} from "@ml-connector/sync-core";
import { DEMO_PARTNER, demoBadOrder, demoMappings, demoModels, demoOrders } from "../demo/seed.js";
import type { Output } from "../output/io.js";
import { documentJson, formatChain, formatReasons, formatRunSummary } from "../output/report.js";
import { formatDuration, plural } from "../output/table.js";
import { ExitCode } from "../runtime/errors.js";

export interface DemoOptions {
  /** Purchase orders to send (plus one bad file). Default 25. */
  orders: number;
  /** The SPS account's mailbox layout: `flat` (default; out/, in/) or `by-type` (out/PO/, in/PR/, in/SH/, in/IN/). */
  layout?: SpsMailboxLayout | undefined;
  /** Start as a new by-type account whose routes SPS has not set up yet: the first orders-in run only warns. */
  routesPending?: boolean | undefined;
  /** Where the demo keeps its audit trail (default: in memory). */
  stores?: ConnectorStores | undefined;
  /** Called after the run, sandboxes still up, before they stop: `--console` serves the console here. */
  afterRun?: ((demo: DemoRun) => Promise<void>) | undefined;
}

/** What a finished demo run leaves: its stores and the connector that filled them (its sandboxes still running). */
export interface DemoRun {
  stores: ConnectorStores;
  connector: Connector;
  sps: SpsSandbox;
  x3: SageX3Sandbox;
}

/**
 * The README's main command: both sandboxes on loopback, the partner's mappings, 25 POs across the four models and one
 * bad file, orders-in, X3 users at work (allocate, in part for some; deliver; invoice), the three outbound flows, then
 * a summary per flow and the audit trail of one PO from its 850 to its 810. Everything in memory; nothing is kept.
 */
export async function runDemo(out: Output, options: DemoOptions): Promise<ExitCode> {
  const began = Date.now();
  let pair: SandboxPair | undefined;
  try {
    const layout = options.routesPending ? "by-type" : (options.layout ?? "flat");
    const orders = demoOrders(options.orders);
    // The retailer answers every upload with a 997; it refuses the 855 of the first order allocated in part.
    const refusedPo = orders[Math.round(orders.length * 0.6)]?.po;
    pair = await startSandboxPair({
      sps: {
        layout,
        routesReady: !options.routesPending,
        functionalAcks: (file, verdict) =>
          refusedPo !== undefined && file.name.startsWith("PR") && file.text.includes(`"${refusedPo}"`)
            ? {
                code: "R",
                syntaxErrors: ["5"],
                notes: [
                  {
                    SegmentIdCode: "ACK",
                    SegmentPosition: 9,
                    SegmentSyntaxErrorCode: "8",
                    DataElementNote: [
                      { ElementPosition: 1, DataElementSyntaxErrorCode: "7", BadDataElementCopy: "IQ" },
                    ],
                  },
                ],
              }
            : { code: verdict.status === "accepted" ? "A" : "R" },
      },
    });
    const { sps, x3 } = pair;
    out.addSecrets([
      sps.credentials.clientSecret,
      x3.credentials.connectedApp.secret,
      x3.credentials.oauth.clientSecret,
      x3.credentials.basic.password,
    ]);
    out.line("ml-connector demo: the SPS Commerce and Sage X3 sandboxes on loopback, nothing leaves this machine.");
    out.line(`  SPS Commerce  ${sps.baseUrl} (auth ${sps.authUrl}, ${layout} mailbox)`);
    out.line(`  Sage X3       ${x3.baseUrl} (endpoint ${x3.endpoint}, connected-app auth)`);

    const stores = options.stores ?? createMemoryStores();
    const retry = { baseDelayMs: 5, maxDelayMs: 50 };
    const spsClient = createSpsClient({ ...pair.clients.sps, tokenStore: stores.tokens, retry });
    const x3Client = createSageX3Client({ ...pair.clients.x3, tokenStore: stores.tokens, retry, clock: x3.clock });
    // The connector reads X3 changes on X3's clock; the demo moves it a minute on between what users do and a sync.
    const now = () => new Date(x3.clock.now());
    const startFrom = new Date(x3.clock.now() - 60 * 60_000);
    const tick = () => x3.clock.advance(60_000);
    const connector = createConnector({
      stores,
      // The SPS mailbox, uploads and verdicts (the transaction history, read after each upload run), and the X3
      // orders and change feed, from the two clients.
      sps: spsClient,
      sageX3: x3Client,
      // A by-type account: 850s in out/PO/ (read every subfolder of out/), uploads in per-type folders of in/.
      ...(layout === "by-type"
        ? {
            orderSource: createSpsMailboxSource(spsClient, { folders: ["out/*/"] }),
            documentSink: createSpsDocumentSink(spsClient, {
              folders: { "855": "in/PR/", "856": "in/SH/", "810": "in/IN/" },
            }),
          }
        : {}),
      mappings: demoMappings,
      flows: {
        "orders-in": { concurrency: 4 },
        "acks-out": { now, startFrom },
        "asns-out": {
          now,
          startFrom,
          ...sandboxShipmentSettings,
        },
        "invoices-out": { now, startFrom },
      },
    });

    // 1. The retailer sends its purchase orders.
    const bad = demoBadOrder();
    for (const order of [...orders, bad]) sps.mailbox.putOutbound(order.fileName, order.content);
    const partners = demoMappings.partners?.length ?? 0;
    out.line();
    out.line(
      `Seeded: ${plural(partners, "trading partner")} (${DEMO_PARTNER} → X3 customer C0001, site US01), ` +
        `${plural(demoMappings.shipTos?.length ?? 0, "ship-to")}, ${plural(demoMappings.items?.length ?? 0, "item")}, ` +
        `${plural(demoMappings.uoms?.length ?? 0, "unit")}; ${plural(orders.length, "PO")} in SPS ${layout === "by-type" ? "out/PO/" : "out/"} ` +
        `(${demoModels.map((m) => `${orders.filter((o) => o.model === m).length} ${m}`).join(", ")}) + 1 bad file.`,
    );

    const summaries: FlowRunSummary[] = [];
    const run = async (flow: FlowName) => {
      const summary = await connector.runOnce(flow);
      summaries.push(summary);
      out.line(formatRunSummary(summary));
      return summary;
    };

    // 2. orders-in: every 850 becomes an X3 sales order; the bad one is rejected with the field that failed.
    out.line();
    if (options.routesPending) {
      // A new account: SPS has not set up out/PO/ yet. The run warns and fails nothing; the POs wait at SPS.
      await run("orders-in");
      sps.mailbox.setRoutesReady(true);
      out.line("SPS sets up the account's routes (out/PO/, in/PR/...); orders-in again:");
    }
    await run("orders-in");
    const rejected = await connector.audit.findDocuments({ status: ["rejected", "failed"], direction: "in" });
    for (const document of rejected.items) for (const line of formatReasons(document)) out.line(`  ${line}`);

    // 3. X3 users: allocate (some in part, some not yet), then the acknowledgments go out.
    const byPo = new Map<string, string>();
    for (const record of x3.data.list("SORDER")) byPo.set(String(record.CUSORDREF), String(record.SOHNUM));
    const keys = orders.map((o) => byPo.get(o.po)).filter((key): key is string => key !== undefined);
    const fullCount = Math.round(keys.length * 0.6);
    const partCount = Math.round(keys.length * 0.2);
    const full = keys.slice(0, fullCount);
    const part = keys.slice(fullCount, fullCount + partCount);
    const waiting = keys.slice(fullCount + partCount);
    for (const key of full) x3.data.allocate(key);
    for (const key of part) {
      const firstLine = (x3.data.get("SORDER", key)?.SOHSOP as { SOPLIN: number; QTY: number }[] | undefined)?.[0];
      x3.data.allocate(key, firstLine ? { [firstLine.SOPLIN]: Math.floor(firstLine.QTY / 2) } : {});
    }
    tick();
    out.line(
      `X3 users allocate stock: ${plural(full.length, "order")} in full, ${part.length} in part, ` +
        `${waiting.length} waiting for stock.`,
    );
    await run("acks-out");

    // 4. X3 users deliver what is allocated and invoice most deliveries (one with freight).
    const delivered: string[] = [];
    for (const [index, key] of [...full, ...part.slice(0, Math.ceil(part.length / 2))].entries()) {
      const delivery = x3.data.deliver(key, {
        carrier: "UPSN",
        mode: "ROAD",
        billOfLading: `BOL-${key}`,
        tracking: `1Z999AA1${String(index).padStart(8, "0")}`,
        grossWeight: 12 + index,
      });
      delivered.push(String(delivery.SDHNUM));
    }
    const invoiced = delivered.slice(0, Math.max(1, delivered.length - 3));
    for (const [index, delivery] of invoiced.entries()) {
      x3.data.invoice(delivery, index === 0 ? { charges: [{ code: "FREIGHT", amount: 12.5 }] } : {});
    }
    tick();
    out.line(
      `X3 users deliver ${plural(delivered.length, "order")} (UPS, road) and post ${plural(invoiced.length, "invoice")}` +
        " (the first with freight).",
    );
    await run("asns-out");
    await run("invoices-out");
    out.line("acks-out again: the deliveries moved the orders' UPDDATTIM, but nothing acknowledged changed:");
    await run("acks-out");

    // 5. The retailer's 997 functional acknowledgments come back through the mailbox: orders-in reads them, links
    // each to the upload it acknowledges, and sets the refused 855 rejected_by_sps.
    out.line("The retailer's 997s arrive in SPS; orders-in reads them:");
    await run("orders-in");
    const refused = await connector.audit.findDocuments({ status: "rejected_by_sps" });
    for (const document of refused.items) for (const line of formatReasons(document)) out.line(`  ${line}`);
    if (refused.items.length > 0) out.line("  (fix the cause, then `ml-connector replay <id>` uploads a new revision)");

    // 6. What SPS received, and the audit trail of the first PO.
    const inbound = sps.mailbox.inbound();
    const accepted = inbound.filter((file) => file.status === "accepted").length;
    out.line();
    const folders = [...new Set(inbound.map((file) => file.path.slice(0, file.path.lastIndexOf("/") + 1)))].sort();
    out.line(
      `SPS ${folders.join(", ") || "in/"} received ${plural(inbound.length, "file")}: ${accepted} accepted by SPS's validation.`,
    );
    out.line();
    out.line("Summary per flow:");
    const totals = new Map<FlowName, { documents: number; outcomes: Map<string, number> }>();
    for (const summary of summaries) {
      const entry = totals.get(summary.flow) ?? { documents: 0, outcomes: new Map<string, number>() };
      entry.documents += summary.documents;
      for (const [outcome, count] of Object.entries(summary.outcomes)) {
        entry.outcomes.set(outcome, (entry.outcomes.get(outcome) ?? 0) + (count ?? 0));
      }
      totals.set(summary.flow, entry);
    }
    for (const [flow, entry] of totals) {
      const detail = [...entry.outcomes].map(([outcome, count]) => `${count} ${outcome}`).join(", ");
      out.line(`  ${flow.padEnd(13)} ${String(entry.documents).padStart(3)} documents: ${detail || "nothing to do"}`);
    }

    const first = orders.find((o) => full.includes(byPo.get(o.po) ?? ""));
    const chain = first ? await connector.audit.chain({ poNumber: first.po, partnerId: DEMO_PARTNER }) : undefined;
    if (out.isJsonOnly) {
      out.json({
        ok: true,
        runs: summaries,
        spsReceived: inbound.map((file) => ({ path: file.path, status: file.status })),
        chain: chain && first ? { poNumber: first.po, documents: chain.documents.map(documentJson) } : undefined,
        ms: Date.now() - began,
      });
      return ExitCode.ok;
    }
    if (first && chain) {
      out.line();
      out.line(
        `Audit trail of PO ${first.po} (${DEMO_PARTNER}, ${first.model}), 850 → 855 → 856 → 810 and their 997s:`,
      );
      out.line(formatChain(chain));
    }
    out.line();
    out.line(
      `Done in ${formatDuration(Date.now() - began)}. Next: \`ml-connector init\` for a config of your own, ` +
        "`ml-connector sandbox` to try it against these simulators.",
    );
    if (options.afterRun) await options.afterRun({ stores, connector, sps, x3 });
    else {
      out.line(
        "To look at these documents, their chains, reasons and payloads in a browser (and replay from there): " +
          "`ml-connector demo --console`.",
      );
    }
    return ExitCode.ok;
  } finally {
    await pair?.close();
  }
}
