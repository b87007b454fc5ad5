/**
 * The bare node:http clients of the side-by-side measures (bare-client.ts, bare-invoices.ts): the requests of
 * orders-in, invoices-out, asns-out and acks-out and nothing else. A contender's process (contender-run.ts) loads this module: it
 * loads no sandbox code.
 */
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { type BareHttp, createBareHttp } from "./bare-http.js";

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
 * An outbound flow's X3 change window over node:http, as the connector reads it: `className`'s records changed from the
 * cursor to now less the safety lag, by UPDDATTIM then key, pages of 50 following `$next`, each record new to the run
 * read with `$details` (the `$query` representation leaves its lines out) and handed to `send`, C at a time. The
 * cursor is the last UPDDATTIM handled, read again inclusively (as the connector does), so the records stamped in its
 * second are in the next run's window too (see `settled`). One `run` reads the window once and answers how many
 * records it sent.
 */
function bareChangeWindow<R extends { UPDDATTIM?: string }>(
  bare: BareHttp,
  concurrency: number,
  className: string,
  keyField: keyof R & string,
  /**
   * Whether a record handled before is recognised from its `$query` row (key and UPDDATTIM), as the connector
   * recognises a posted invoice, or read again (`$details`) whenever the window holds it, as the connector reads a
   * delivery it sent to compare its content (not sent again when unchanged).
   */
  settled: boolean,
  send: (record: R) => Promise<void>,
) {
  const { call, headers } = bare;
  let since = new Date(clockAhead().getTime() - 60 * 60_000).toISOString().slice(0, 19);
  /** Key → UPDDATTIM of the records sent. */
  const handled = new Map<string, string | undefined>();
  const keyOf = (record: R) => String(record[keyField]);
  return async (): Promise<number> => {
    const until = new Date(clockAhead().getTime() - SAFETY_LAG_MS).toISOString().slice(0, 19);
    const where = encodeURIComponent(`(UPDDATTIM ge @${since}Z@) and (UPDDATTIM lt @${until}Z@)`);
    const orderBy = encodeURIComponent(`UPDDATTIM asc,${keyField} asc`);
    const root = `${bare.x3Api}/${className}`;
    let next: string | undefined =
      `${root}?representation=${className}.%24query&count=${PAGE_SIZE}&where=${where}&orderBy=${orderBy}`;
    let sent = 0;
    while (next) {
      const page = JSON.parse((await call(next, "GET", headers.x3)).text) as {
        $resources: R[];
        $links?: { $next?: { $url: string } };
      };
      const rows = page.$resources;
      const unseen = settled
        ? rows.filter((row) => !handled.has(keyOf(row)) || handled.get(keyOf(row)) !== row.UPDDATTIM)
        : rows;
      const records = await Promise.all(unseen.map((row) => bareRead<R>(bare, className, keyOf(row))));
      const fresh = records.filter((record) => !handled.has(keyOf(record)));
      await inFlight(fresh, concurrency, send);
      for (const record of fresh) handled.set(keyOf(record), record.UPDDATTIM);
      sent += fresh.length;
      const last = rows.at(-1)?.UPDDATTIM;
      if (last) since = last.replace(/Z$/, "").slice(0, 19);
      const link = page.$links?.$next?.$url;
      next = link ? `${root}${new URL(link).search}` : undefined;
    }
    return sent;
  };
}

/** One X3 record with its lines (`$details`). */
async function bareRead<T>(bare: BareHttp, className: string, key: string): Promise<T> {
  const url = `${bare.x3Api}/${className}('${encodeURIComponent(key)}')?representation=${className}.%24details`;
  return JSON.parse((await bare.call(url, "GET", bare.headers.x3)).text) as T;
}

/** Uploads a plain JSON document to SPS `in/` under `name`. */
async function bareUpload(bare: BareHttp, addresses: SandboxClientSettings, name: string, document: unknown) {
  await bare.call(
    `${addresses.sps.baseUrl}/transactions/v5/data/in/${name}`,
    "POST",
    { ...bare.headers.sps, "content-type": "application/octet-stream" },
    JSON.stringify(document),
  );
}

/**
 * A bare outbound client: each run starts as the connector's does (the SPS token kept between runs, the X3 JWT, 60 s,
 * minted again) and reads the change window once.
 */
function windowRuns(bare: BareHttp, window: () => Promise<number>) {
  return {
    async run(): Promise<number> {
      bare.closeIdleSockets();
      if (bare.headers.sps.authorization === undefined) await bare.token();
      else bare.mintX3Jwt();
      return window();
    },
    close: () => bare.close(),
  };
}

/**
 * The requests of the connector's invoices-out over node:http and nothing else: the SINVOICE change window (see
 * bareChangeWindow), then per invoice its sales order and its delivery (`$details`) and one upload of a plain JSON
 * 810 to SPS `in/`.
 */
export function createBareInvoicesClient(addresses: SandboxClientSettings, concurrency: number) {
  const bare = createBareHttp(addresses, concurrency);
  const window = bareChangeWindow<InvoiceRecord>(bare, concurrency, "SINVOICE", "NUM", true, async (invoice) => {
    const lines = invoice.SIVSID ?? [];
    const order = await bareRead<InvoiceOrder>(bare, "SORDER", invoice.SOHNUM ?? lines[0]?.SOHNUM ?? "");
    const deliveryKey = lines[0]?.SDHNUM;
    const delivery = deliveryKey ? await bareRead<InvoiceDelivery>(bare, "SDELIVERY", deliveryKey) : {};
    await bareUpload(
      bare,
      addresses,
      `IN${invoice.NUM}-1-v7.7-BulkImport.json`,
      invoice810Document(invoice, order, delivery),
    );
  });
  /** One run: the window's pages, each page's invoices at C in flight. Returns the 810s uploaded. */
  return windowRuns(bare, window);
}

/** What the bare clients read of a delivery. */
export interface DeliveryRecord {
  SDHNUM: string;
  SOHNUM?: string;
  CUSORDREF?: string;
  SHIDAT?: string;
  BOLNUM?: string;
  BPTNUM?: string;
  BPAADD?: string;
  UPDDATTIM?: string;
  SDHSDD?: { SOHNUM?: string; SOPLIN?: number; ITMREF: string; QTY: number }[];
}

/** An SSCC-18 of the bench's GS1 company prefix: extension digit 0, the serial, the GS1 mod-10 check digit. */
export function benchSscc(serial: number): string {
  const prefix = "0614141";
  const body = `0${prefix}${String(serial).padStart(16 - prefix.length, "0")}`;
  let sum = 0;
  for (let index = 0; index < body.length; index++)
    sum += Number(body[body.length - 1 - index]) * (index % 2 === 0 ? 3 : 1);
  return `00${body}${(10 - (sum % 10)) % 10}`;
}

/** The plain JSON 856 the bare clients upload for a delivery: one order, one pack with every line, the ship-to. */
export function shipment856Document(delivery: DeliveryRecord, order: InvoiceOrder, serial: number) {
  const lines = delivery.SDHSDD ?? [];
  return {
    Header: {
      ShipmentHeader: {
        TradingPartnerId: "ACME",
        ShipmentIdentification: delivery.SDHNUM,
        ShipDate: delivery.SHIDAT,
        TsetPurposeCode: "00",
        ShipNoticeDate: delivery.SHIDAT,
        ASNStructureCode: "0001",
        BillOfLadingNumber: delivery.BOLNUM,
      },
      Address: [
        { AddressTypeCode: "ST", LocationCodeQualifier: "92", AddressLocationNumber: "0042" },
        { AddressTypeCode: "SF", AddressName: "Chicago distribution center", City: "Chicago", State: "IL" },
      ],
      CarrierInformation: [{ CarrierAlphaCode: delivery.BPTNUM }],
    },
    OrderLevel: [
      {
        OrderHeader: { PurchaseOrderNumber: delivery.CUSORDREF, PurchaseOrderDate: order.ORDDAT },
        PackLevel: [
          {
            Pack: { PackLevelType: "P", ShippingSerialID: benchSscc(serial) },
            ItemLevel: lines.map((line, index) => ({
              ShipmentLine: {
                LineSequenceNumber: String(index + 1),
                VendorPartNumber: line.ITMREF,
                ShipQty: line.QTY,
                ShipQtyUOM: "EA",
              },
            })),
          },
        ],
      },
    ],
    Summary: { TotalLineItemNumber: lines.length },
  };
}

/**
 * The requests of the connector's asns-out over node:http and nothing else: the SDELIVERY change window (see
 * bareChangeWindow), then per delivery its sales order (`$details`) and one upload of a plain JSON 856 to SPS `in/`,
 * each pack numbered from a counter kept in memory (the connector takes its SSCC serials from its sequence store).
 */
export function createBareAsnsClient(addresses: SandboxClientSettings, concurrency: number) {
  const bare = createBareHttp(addresses, concurrency);
  let serial = 0;
  const window = bareChangeWindow<DeliveryRecord>(bare, concurrency, "SDELIVERY", "SDHNUM", false, async (delivery) => {
    const order = await bareRead<InvoiceOrder>(bare, "SORDER", delivery.SOHNUM ?? delivery.SDHSDD?.[0]?.SOHNUM ?? "");
    serial += 1;
    await bareUpload(
      bare,
      addresses,
      `SH${delivery.SDHNUM}-1-v7.7-BulkImport.json`,
      shipment856Document(delivery, order, serial),
    );
  });
  /** One run: the window's pages, each page's deliveries at C in flight. Returns the 856s uploaded. */
  return windowRuns(bare, window);
}

/** What the bare clients read of a sales order with its lines (`$details`). */
export interface SalesOrderRecord {
  SOHNUM: string;
  CUSORDREF?: string;
  ORDDAT?: string;
  UPDDATTIM?: string;
  SOHSOP?: { SOPLIN?: number; ITMREF: string; QTY: number; ALLQTY?: number; GROPRI?: number }[];
}

/** The plain JSON 855 the bare clients upload for an allocated order: each line accepted (IA) at what X3 allocated. */
export function orderAck855Document(order: SalesOrderRecord, date: string) {
  const lines = order.SOHSOP ?? [];
  return {
    Header: {
      OrderHeader: {
        TradingPartnerId: "ACME",
        PurchaseOrderNumber: order.CUSORDREF,
        TsetPurposeCode: "00",
        PurchaseOrderDate: order.ORDDAT,
        AcknowledgementType: "AD",
        AcknowledgementNumber: order.SOHNUM,
        AcknowledgementDate: date,
      },
    },
    LineItem: lines.map((line, index) => ({
      OrderLine: {
        LineSequenceNumber: String(index + 1),
        VendorPartNumber: line.ITMREF,
        OrderQty: line.QTY,
        OrderQtyUOM: "EA",
        PurchasePrice: line.GROPRI,
      },
      LineItemAcknowledgement: [
        { ItemStatusCode: "IA", ItemScheduleQty: line.ALLQTY ?? line.QTY, ItemScheduleUOM: "EA" },
      ],
    })),
    Summary: { TotalLineItemNumber: lines.length },
  };
}

/**
 * The requests of the connector's acks-out over node:http and nothing else: the SORDER change window (see
 * bareChangeWindow; an order acknowledged before is read again whenever the window holds it, as the connector reads it
 * to compare what it would acknowledge), then per order one upload of a plain JSON 855 to SPS `in/`.
 */
export function createBareAcksClient(addresses: SandboxClientSettings, concurrency: number) {
  const bare = createBareHttp(addresses, concurrency);
  const window = bareChangeWindow<SalesOrderRecord>(bare, concurrency, "SORDER", "SOHNUM", false, async (order) => {
    const date = clockAhead().toISOString().slice(0, 10);
    await bareUpload(bare, addresses, `PR${order.SOHNUM}-1-v7.7-BulkImport.json`, orderAck855Document(order, date));
  });
  /** One run: the window's pages, each page's orders at C in flight. Returns the 855s uploaded. */
  return windowRuns(bare, window);
}
