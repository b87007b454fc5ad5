/**
 * orders-in's, invoices-out's, asns-out's and acks-out's requests through the connector's own clients and nothing
 * else: the clients-alone contender of the bare-client, bare-invoices, bare-asns and bare-acks measures (beside the bare client and the
 * connector with each store). The SPS and Sage X3 clients (openapi-fetch over the transport, with p-limit, p-retry, the per-attempt
 * timeout and the OAuth2 token cache) make the requests the connector makes for each 850, and this runner does only
 * what the bare client does between them (JSON.parse of the file, the order record built from it). No RSX parse or
 * rules, no mapping, no ledger, no audit trail: its CPU beside the bare client's is the share of the request stack the
 * clients keep (openapi-fetch, p-limit and p-retry are the users' chosen stack), beside the connector's it is the
 * share of the connector's own steps. Like contender-run.ts, it loads no sandbox code.
 */
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { createMemoryStores } from "@ml-connector/sync-core";
import {
  type Bare850,
  clockAhead,
  type DeliveryRecord,
  PAGE_SIZE as INVOICE_PAGE_SIZE,
  type InvoiceDelivery,
  type InvoiceOrder,
  type InvoiceRecord,
  inFlight,
  invoice810Document,
  orderAck855Document,
  SAFETY_LAG_MS,
  type SalesOrderRecord,
  salesOrderRecord,
  shipment856Document,
} from "./bare-clients.js";
import { createClients } from "./connector.js";

/** The connector's default page of mailbox files (orders-in asks SPS for pages of that many). */
const PAGE_SIZE = 100;
/** The connector's cap on a download. */
const MAX_BYTES = 10 * 1024 * 1024;
const utf8 = new TextDecoder();

export function createClientsOrdersRunner(addresses: SandboxClientSettings, concurrency: number) {
  // Tokens cached in memory, as the connector's memory stores keep them.
  const { spsClient, x3Client } = createClients(addresses, createMemoryStores(), {
    maxConcurrency: Math.max(8, concurrency),
  });

  const list = async (): Promise<string[]> => {
    const paths: string[] = [];
    for await (const entry of spsClient.list("out/", { limit: PAGE_SIZE })) {
      if (entry.type === "file") paths.push(`out/${entry.name}`);
    }
    return paths;
  };
  /** The four requests of one 850 (download, look the order up, create it, delete the file), as the bare client's. */
  const handle850 = async (path: string) => {
    const order = JSON.parse(utf8.decode(await spsClient.download(path, { maxBytes: MAX_BYTES }))) as Bare850;
    const record = salesOrderRecord(order);
    await x3Client.findByNaturalKey("SORDER", { BPCORD: record.BPCORD, CUSORDREF: record.CUSORDREF });
    await x3Client.createKey("SORDER", record);
    await spsClient.delete(path);
  };

  return {
    /** One run: the mailbox listed, its 850s at C in flight. Returns the 850s handled (each created). */
    async run(): Promise<number> {
      const paths = await list();
      await inFlight(paths, concurrency, handle850);
      return paths.length;
    },
  };
}

/**
 * An outbound flow's X3 change window through the connector's clients, as the bare clients read it (see
 * bareChangeWindow in bare-clients.ts): `changedPages` (pages of 50), each record new to the run read with `$details`
 * and handed to `send`, C at a time; the same cursor and the same skip of a record already sent.
 */
function clientsChangeWindow<C extends "SINVOICE" | "SDELIVERY" | "SORDER", R extends { UPDDATTIM?: string }>(
  x3Client: ReturnType<typeof createClients>["x3Client"],
  concurrency: number,
  className: C,
  keyField: keyof R & string,
  /**
   * Whether a record handled before is recognised from its `$query` row (key and UPDDATTIM), as the connector
   * recognises a posted invoice, or read again (`$details`) whenever the window holds it, as the connector reads a
   * delivery it sent to compare its content (not sent again when unchanged).
   */
  settled: boolean,
  send: (record: R) => Promise<void>,
) {
  let since = new Date(clockAhead().getTime() - 60 * 60_000);
  /** Key → UPDDATTIM of the records sent. */
  const handled = new Map<string, string | undefined>();
  const keyOf = (record: R) => String(record[keyField]);
  return async (): Promise<number> => {
    const until = new Date(clockAhead().getTime() - SAFETY_LAG_MS);
    let sent = 0;
    for await (const page of x3Client.changedPages(className, since, { until, count: INVOICE_PAGE_SIZE })) {
      const rows = page.records as unknown as R[];
      const unseen = settled
        ? rows.filter((row) => !handled.has(keyOf(row)) || handled.get(keyOf(row)) !== row.UPDDATTIM)
        : rows;
      const read = await Promise.all(unseen.map((row) => x3Client.read(className, keyOf(row))));
      const fresh = (read as unknown as (R | undefined)[]).filter(
        (record): record is R => record !== undefined && !handled.has(keyOf(record)),
      );
      await inFlight(fresh, concurrency, send);
      for (const record of fresh) handled.set(keyOf(record), record.UPDDATTIM);
      sent += fresh.length;
      const last = rows.at(-1)?.UPDDATTIM;
      if (last) since = new Date(last);
    }
    return sent;
  };
}

/**
 * invoices-out's requests through the connector's clients and nothing else, as the bare invoices client makes them
 * (see createBareInvoicesClient): the SINVOICE change window, each new invoice's sales order and delivery read, one
 * 810 uploaded to SPS `in/`. No RSX build or validation, no ledger, no audit trail.
 */
export function createClientsInvoicesRunner(addresses: SandboxClientSettings, concurrency: number) {
  const { spsClient, x3Client } = createClients(addresses, createMemoryStores(), {
    maxConcurrency: Math.max(8, concurrency),
  });
  const run = clientsChangeWindow<"SINVOICE", InvoiceRecord>(
    x3Client,
    concurrency,
    "SINVOICE",
    "NUM",
    true,
    async (invoice) => {
      const lines = invoice.SIVSID ?? [];
      const order = (await x3Client.read("SORDER", invoice.SOHNUM ?? lines[0]?.SOHNUM ?? "")) as
        | InvoiceOrder
        | undefined;
      const deliveryKey = lines[0]?.SDHNUM;
      const delivery = deliveryKey
        ? ((await x3Client.read("SDELIVERY", deliveryKey)) as InvoiceDelivery | undefined)
        : {};
      const document = invoice810Document(invoice, order ?? {}, delivery ?? {});
      await spsClient.upload(`in/IN${invoice.NUM}-1-v7.7-BulkImport.json`, JSON.stringify(document));
    },
  );
  /** One run: the window's pages, each page's new invoices at C in flight. Returns the 810s uploaded. */
  return { run };
}

/**
 * asns-out's requests through the connector's clients and nothing else, as the bare asns client makes them (see
 * createBareAsnsClient): the SDELIVERY change window, each new delivery's sales order read, one 856 uploaded.
 */
export function createClientsAsnsRunner(addresses: SandboxClientSettings, concurrency: number) {
  const { spsClient, x3Client } = createClients(addresses, createMemoryStores(), {
    maxConcurrency: Math.max(8, concurrency),
  });
  let serial = 0;
  const run = clientsChangeWindow<"SDELIVERY", DeliveryRecord>(
    x3Client,
    concurrency,
    "SDELIVERY",
    "SDHNUM",
    false,
    async (delivery) => {
      const orderKey = delivery.SOHNUM ?? delivery.SDHSDD?.[0]?.SOHNUM ?? "";
      const order = (await x3Client.read("SORDER", orderKey)) as InvoiceOrder | undefined;
      serial += 1;
      const document = shipment856Document(delivery, order ?? {}, serial);
      await spsClient.upload(`in/SH${delivery.SDHNUM}-1-v7.7-BulkImport.json`, JSON.stringify(document));
    },
  );
  /** One run: the window's pages, each page's new deliveries at C in flight. Returns the 856s uploaded. */
  return { run };
}

/**
 * acks-out's requests through the connector's clients and nothing else, as the bare acks client makes them (see
 * createBareAcksClient): the SORDER change window, each order read with its lines, one 855 uploaded.
 */
export function createClientsAcksRunner(addresses: SandboxClientSettings, concurrency: number) {
  const { spsClient, x3Client } = createClients(addresses, createMemoryStores(), {
    maxConcurrency: Math.max(8, concurrency),
  });
  const run = clientsChangeWindow<"SORDER", SalesOrderRecord>(
    x3Client,
    concurrency,
    "SORDER",
    "SOHNUM",
    false,
    async (order) => {
      const document = orderAck855Document(order, clockAhead().toISOString().slice(0, 10));
      await spsClient.upload(`in/PR${order.SOHNUM}-1-v7.7-BulkImport.json`, JSON.stringify(document));
    },
  );
  /** One run: the window's pages, each page's orders at C in flight. Returns the 855s uploaded. */
  return { run };
}
