/**
 * The bare node:http clients of the side-by-side measures (bare-client.ts, bare-invoices.ts): the requests of
 * orders-in and of invoices-out and nothing else. A contender's process (contender-run.ts) loads this module: it
 * loads no sandbox code.
 */
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { createBareHttp } from "./bare-http.js";

/** What the bare clients read of an 850: its PO number and its lines' quantities and prices. */
export interface Bare850 {
  Header: { OrderHeader: { PurchaseOrderNumber: string } };
  LineItem: { OrderLine: { OrderQty: number; PurchasePrice: number } }[];
}

/** The X3 sales order the bare clients create for an 850 (the bench's customer, site and items). */
export function salesOrderRecord(order: Bare850) {
  return {
    BPCORD: "C0001",
    SALFCY: "US01",
    SOHTYP: "SON",
    CUR: "USD",
    CUSORDREF: order.Header.OrderHeader.PurchaseOrderNumber,
    BPAADD: "DC01",
    SOHSOP: order.LineItem.map((item, i) => ({
      ITMREF: ["WID-001", "WID-002", "GAD-100", "GIZ-200"][i % 4] as string,
      QTY: item.OrderLine.OrderQty,
      SAU: "EA",
      GROPRI: item.OrderLine.PurchasePrice,
    })),
  };
}

/** Handles every item with `concurrency` in flight, each worker taking the next as it finishes one. */
export async function inFlight<T>(items: readonly T[], concurrency: number, handle: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await handle(items[next++] as T);
    }),
  );
}

/** The same requests as orders-in over node:http keep-alive agents and nothing else (one per server, C sockets). */
export function createBareOrdersClient(addresses: SandboxClientSettings, concurrency: number) {
  const bare = createBareHttp(addresses, concurrency);
  const { call, headers } = bare;
  const { sps } = addresses;
  const x3Class = `${bare.x3Api}/SORDER`;

  const list = async (): Promise<string[]> => {
    const paths: string[] = [];
    let next: string | undefined = `${sps.baseUrl}/transactions/v5/data/out/?limit=1000`;
    while (next) {
      const page = JSON.parse((await call(next, "GET", headers.sps)).text) as {
        results?: { path: string; type?: string }[];
        paging?: { next?: { url?: string } | string | null };
      };
      for (const item of page.results ?? []) if (item.type !== "directory") paths.push(item.path);
      const link = page.paging?.next;
      const url = typeof link === "string" ? link : link?.url;
      next = url ? new URL(url, sps.baseUrl).href : undefined;
    }
    return paths;
  };
  /** The four requests of one 850: download, look the order up, create it, delete the file. */
  const handle850 = async (path: string) => {
    const file = `${sps.baseUrl}/transactions/v5/data/${path.replace(/^\//, "")}`;
    const order = JSON.parse((await call(file, "GET", headers.sps)).text) as Bare850;
    const po = order.Header.OrderHeader.PurchaseOrderNumber;
    const where = encodeURIComponent(`(BPCORD eq 'C0001') and (CUSORDREF eq '${po}')`);
    await call(`${x3Class}?representation=SORDER.$query&count=2&where=${where}`, "GET", headers.x3);
    const record = salesOrderRecord(order);
    await call(
      `${x3Class}?representation=SORDER.$create`,
      "POST",
      { ...headers.x3, "content-type": "application/json" },
      JSON.stringify(record),
    );
    await call(file, "DELETE", headers.sps);
  };

  return {
    /**
     * One run: fresh sockets and tokens, the mailbox listed, its 850s at C in flight. Returns the 850s handled (each
     * created).
     */
    async run(): Promise<number> {
      bare.closeIdleSockets();
      await bare.token();
      const paths = await list();
      await inFlight(paths, concurrency, handle850);
      return paths.length;
    },
    close: () => bare.close(),
  };
}

/** The change feed's page size (the connector's default) and the window's end (the connector's safety lag). */
export const PAGE_SIZE = 50;
export const SAFETY_LAG_MS = 30_000;
/** Both contenders' clocks run a minute ahead of X3's, so the invoices just posted are past the safety lag. */
export const clockAhead = () => new Date(Date.now() + 60_000);

/** What the bare clients read of an invoice, its order and its delivery. */
export interface InvoiceRecord {
  NUM: string;
  SOHNUM?: string;
  CUSORDREF?: string;
  INVDAT?: string;
  AMTNOT?: number;
  UPDDATTIM?: string;
  SIVSID?: { SOHNUM?: string; SOPLIN?: number; SDHNUM?: string; ITMREF: string; QTY: number; NETPRI?: number }[];
}

export interface InvoiceOrder {
  ORDDAT?: string;
  SOHSOP?: { SOPLIN?: number; ITMREF: string; QTY: number }[];
}
export interface InvoiceDelivery {
  SHIDAT?: string;
  BOLNUM?: string;
}

/** The plain JSON 810 the bare clients upload for an invoice (what the connector's 810 carries, no more). */
export function invoice810Document(invoice: InvoiceRecord, order: InvoiceOrder, delivery: InvoiceDelivery) {
  const lines = invoice.SIVSID ?? [];
  return {
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
}

/**
 * The requests of the connector's invoices-out over node:http and nothing else: the SINVOICE change window
 * (UPDDATTIM from the cursor to now less the safety lag, by UPDDATTIM then key, pages of 50 following `$next`), each
 * invoice read with `$details` (the `$query` representation leaves its lines out), then per invoice its sales order
 * and its delivery (`$details`) and one upload of a plain JSON 810 to SPS `in/`. The cursor is the last UPDDATTIM
 * handled, read again inclusively (as the connector does); a row of an invoice already handled with the same
 * UPDDATTIM is skipped without its `$details` read (as the connector does for a posted invoice it handled).
 */
export function createBareInvoicesClient(addresses: SandboxClientSettings, concurrency: number) {
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
    const order = await read<InvoiceOrder>("SORDER", invoice.SOHNUM ?? lines[0]?.SOHNUM ?? "");
    const deliveryKey = lines[0]?.SDHNUM;
    const delivery = deliveryKey ? await read<InvoiceDelivery>("SDELIVERY", deliveryKey) : {};
    const document = invoice810Document(invoice, order, delivery);
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
      bare.closeIdleSockets();
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
        await inFlight(fresh, concurrency, invoice810);
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
