import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { createMemoryStores } from "@ml-connector/sync-core";
import { createBareHttp } from "../support/bare-http.js";
import { type RemoteSandboxes, startRemoteSandboxes } from "../support/remote-sandboxes.js";
import { createBenchConnector } from "../support/systems.js";
import {
  type BareClientResult,
  CONTENDERS,
  type Contender,
  type ContenderRounds,
  sideBySideResult,
  turnOrder,
} from "./bare-client.js";
import { timed } from "./orders-in.js";

/** The side-by-side result of invoices-out, per 810 (the same shape as orders-in's). */
export type BareInvoicesResult = BareClientResult;

/** The change feed's page size (the connector's default) and the window's end (the connector's safety lag). */
const PAGE_SIZE = 50;
const SAFETY_LAG_MS = 30_000;
/** Both contenders' clocks run a minute ahead of X3's, so the invoices just posted are past the safety lag. */
const clockAhead = () => new Date(Date.now() + 60_000);

interface InvoiceRecord {
  NUM: string;
  SOHNUM?: string;
  CUSORDREF?: string;
  INVDAT?: string;
  AMTNOT?: number;
  UPDDATTIM?: string;
  SIVSID?: { SOHNUM?: string; SOPLIN?: number; SDHNUM?: string; ITMREF: string; QTY: number; NETPRI?: number }[];
}

/**
 * The requests of the connector's invoices-out over node:http and nothing else: the SINVOICE change window
 * (UPDDATTIM from the cursor to now less the safety lag, by UPDDATTIM then key, pages of 50 following `$next`), each
 * invoice read with `$details` (the `$query` representation leaves its lines out), then per invoice its sales order
 * and its delivery (`$details`) and one upload of a plain JSON 810 to SPS `in/`. The cursor is the last UPDDATTIM
 * handled, read again inclusively (as the connector does); a row of an invoice already handled with the same
 * UPDDATTIM is skipped without its `$details` read (as the connector does for a posted invoice it handled).
 */
function createBareInvoicesClient(addresses: SandboxClientSettings, concurrency: number) {
  const bare = createBareHttp(addresses, concurrency);
  const { call, headers } = bare;
  const read = async <T>(className: string, key: string) =>
    JSON.parse(
      (
        await call(
          `${bare.x3Api}/${className}('${encodeURIComponent(key)}')?representation=${className}.%24details`,
          "GET",
          headers.x3,
        )
      ).text,
    ) as T;
  let since = new Date(clockAhead().getTime() - 60 * 60_000).toISOString().slice(0, 19);
  /** NUM → UPDDATTIM of the invoices sent. */
  const handled = new Map<string, string | undefined>();

  const invoice810 = async (invoice: InvoiceRecord) => {
    const lines = invoice.SIVSID ?? [];
    const order = await read<{ ORDDAT?: string; SOHSOP?: { SOPLIN?: number; ITMREF: string; QTY: number }[] }>(
      "SORDER",
      invoice.SOHNUM ?? lines[0]?.SOHNUM ?? "",
    );
    const deliveryKey = lines[0]?.SDHNUM;
    const delivery = deliveryKey ? await read<{ SHIDAT?: string; BOLNUM?: string }>("SDELIVERY", deliveryKey) : {};
    const document = {
      Header: {
        InvoiceHeader: {
          TradingPartnerId: "ACME",
          InvoiceNumber: invoice.NUM,
          InvoiceDate: invoice.INVDAT,
          PurchaseOrderDate: order.ORDDAT,
          PurchaseOrderNumber: invoice.CUSORDREF,
          InvoiceTypeCode: "DR",
          TsetPurposeCode: "00",
          BuyersCurrency: "USD",
          ShipDate: delivery.SHIDAT,
          BillOfLadingNumber: delivery.BOLNUM,
        },
        PaymentTerms: [{ TermsType: "01", TermsNetDueDays: 30 }],
      },
      LineItem: lines.map((line, index) => ({
        InvoiceLine: {
          LineSequenceNumber: String(index + 1),
          VendorPartNumber: line.ITMREF,
          InvoiceQty: line.QTY,
          InvoiceQtyUOM: "EA",
          PurchasePrice: line.NETPRI,
          ExtendedItemTotal: Math.round(line.QTY * (line.NETPRI ?? 0) * 100) / 100,
        },
        ProductOrItemDescription: [{ ProductCharacteristicCode: "08", ProductDescription: line.ITMREF }],
      })),
      Summary: { TotalAmount: invoice.AMTNOT, TotalLineItemNumber: lines.length },
    };
    const name = `IN${invoice.NUM}-1-v7.7-BulkImport.json`;
    await call(
      `${addresses.sps.baseUrl}/transactions/v5/data/in/${name}`,
      "POST",
      { ...headers.sps, "content-type": "application/octet-stream" },
      JSON.stringify(document),
    );
  };

  return {
    /** One run: the window's pages, each page's invoices at C in flight. Returns the 810s uploaded. */
    async run(): Promise<number> {
      // The SPS token is kept between runs, as the connector keeps it; the X3 JWT (60 s) is minted again.
      if (headers.sps.authorization === undefined) await bare.token();
      else bare.mintX3Jwt();
      const until = new Date(clockAhead().getTime() - SAFETY_LAG_MS).toISOString().slice(0, 19);
      const where = encodeURIComponent(`(UPDDATTIM ge @${since}Z@) and (UPDDATTIM lt @${until}Z@)`);
      const orderBy = encodeURIComponent("UPDDATTIM asc,NUM asc");
      let next: string | undefined =
        `${bare.x3Api}/SINVOICE?representation=SINVOICE.%24query&count=${PAGE_SIZE}&where=${where}&orderBy=${orderBy}`;
      let uploaded = 0;
      while (next) {
        const page = JSON.parse((await call(next, "GET", headers.x3)).text) as {
          $resources: { NUM: string; UPDDATTIM?: string }[];
          $links?: { $next?: { $url: string } };
        };
        const rows = page.$resources;
        const unseen = rows.filter((row) => !handled.has(row.NUM) || handled.get(row.NUM) !== row.UPDDATTIM);
        const invoices = await Promise.all(unseen.map((row) => read<InvoiceRecord>("SINVOICE", row.NUM)));
        const fresh = invoices.filter((invoice) => !handled.has(invoice.NUM));
        let at = 0;
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (at < fresh.length) await invoice810(fresh[at++] as InvoiceRecord);
          }),
        );
        for (const invoice of fresh) handled.set(invoice.NUM, invoice.UPDDATTIM);
        uploaded += fresh.length;
        const last = rows.at(-1)?.UPDDATTIM;
        if (last) since = last.replace(/Z$/, "").slice(0, 19);
        const link = page.$links?.$next?.$url;
        next = link ? `${bare.x3Api}/SINVOICE${new URL(link).search}` : undefined;
      }
      return uploaded;
    },
    close: () => bare.close(),
  };
}

/** N invoices posted in X3 behind N 850s that orders-in brought in (untimed, no latency). */
export async function postInvoices(
  sandboxes: RemoteSandboxes,
  intake: { runOnce(flow: "orders-in"): Promise<{ outcomes: Record<string, number | undefined> }> },
  count: number,
  tag: string,
) {
  await sandboxes.call({ op: "setLatency", ms: 0 });
  await sandboxes.call({ op: "fill", count, lines: 3, tag });
  const created = (await intake.runOnce("orders-in")).outcomes.created ?? 0;
  if (created !== count) throw new Error(`set-up: orders-in created ${created} of ${count}`);
  const invoiced = await sandboxes.call<number>({ op: "invoiceAllOrders" });
  if (invoiced !== count) throw new Error(`set-up: ${invoiced} of ${count} orders invoiced`);
}

/**
 * invoices-out against a bare node:http client making the same requests, side by side: each contender has its own
 * sandboxes process (X3's change window is shared by whoever reads it), the same batch of invoices posted before each
 * of its runs, and the three take turns in each round (so a change of load hits all three; the order rotates every round), CPU per 810 summed over
 * the warm rounds (all but the first). The connector runs with a look-back of 0 so that a run reads only its own batch, as the bare client does.
 */
export async function measureBareInvoices(options: {
  concurrency: number;
  documents: number;
  latencyMs: number;
  rounds: number;
  /**
   * Invoices of the untimed warm-up round. Default max(16, 2 C): tokens, sockets and a first pass through the code.
   * V8 keeps optimising the connector's code (its compiled validators above all) for about the first thousand
   * documents, with CPU counted in the run: a warm-up the size of a round measures a warmer process.
   */
  warmup?: number | undefined;
}): Promise<BareInvoicesResult> {
  const { concurrency, documents } = options;
  const sandboxes = {} as Record<Contender, RemoteSandboxes>;
  const sqliteDir = mkdtempSync(join(process.platform === "linux" ? "/dev/shm" : tmpdir(), "bench-bare-810-"));
  const sqlite = createSqliteStores({ path: join(sqliteDir, "state.sqlite") });
  try {
    for (const who of CONTENDERS) sandboxes[who] = await startRemoteSandboxes();
    const outbound = { now: clockAhead, lookbackMs: 0 };
    const bare = createBareInvoicesClient(sandboxes.bare.addresses, concurrency);
    // The bare client's 850s reach X3 through a connector of their own (orders-in only, untimed).
    const bareIntake = createBenchConnector(sandboxes.bare.addresses, { concurrency }).connector;
    const connectors = {
      memory: createBenchConnector(sandboxes.memory.addresses, {
        concurrency,
        stores: createMemoryStores(),
        outbound,
      }).connector,
      sqlite: createBenchConnector(sandboxes.sqlite.addresses, { concurrency, stores: sqlite, outbound }).connector,
    };
    const rounds: Record<Contender, ContenderRounds> = { bare: [], memory: [], sqlite: [] };
    // Round -1 is the warm-up (tokens, sockets, the JIT), not counted.
    for (let round = -1; round < options.rounds; round++) {
      const count = round < 0 ? (options.warmup ?? Math.max(16, concurrency * 2)) : documents;
      for (const who of turnOrder(round)) {
        const host = sandboxes[who];
        const tag = `${who[0]?.toUpperCase()}${round < 0 ? "W" : round}`;
        const inbound = async () => (await host.call<{ count: number }>({ op: "inbound" })).count;
        await postInvoices(host, who === "bare" ? bareIntake : connectors[who], count, tag);
        const before = await inbound();
        await host.call({ op: "setLatency", ms: options.latencyMs });
        await host.call({ op: "resetCounters" });
        const run =
          who === "bare" ? await timed(() => bare.run()) : await timed(() => connectors[who].runOnce("invoices-out"));
        const uploads = (await inbound()) - before;
        if (uploads !== count) throw new Error(`invoices-out (${who}) uploaded ${uploads} of ${count} 810s`);
        if (round < 0) continue;
        rounds[who].push({ cpuMs: run.cpuMs, wallMs: run.wallMs, requests: (await host.requests()).total });
      }
    }
    bare.close();
    return sideBySideResult(options, rounds);
  } finally {
    await sqlite.close();
    rmSync(sqliteDir, { recursive: true, force: true });
    for (const host of Object.values(sandboxes)) await host.close();
  }
}
