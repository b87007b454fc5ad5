import { acmeMappings, bytesOf, make850, type OrderSpec } from "@ml-connector/sandbox";
import type { AuditStore, ConnectorStores } from "@ml-connector/state";
import type { OutboundFlowsSettings } from "../../../src/flows/outbound/outbound-flows.js";
import { type ConnectorOptions, createConnector, createMemoryStores } from "../../../src/index.js";
import type { X3Invoice, X3SalesOrder, X3SalesOrderLine } from "../../../src/ports/x3-change-feed.js";
import { MemoryMailbox, MemoryX3 } from "../../support/in-memory-systems.js";
import { MemoryChangeFeed, MemorySink } from "./memory-outbound.js";

export const GS1_PREFIX = "0614141";

/** An audit store that can "crash": while crashed, every call throws, as if the process had died. */
export function crashable(audit: AuditStore): { audit: AuditStore; crash(): void; restart(): void } {
  let crashed = false;
  const proxy = new Proxy(audit, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (crashed) throw new Error("the process crashed");
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { audit: proxy, crash: () => (crashed = true), restart: () => (crashed = false) };
}

export interface LineState {
  allocated?: number;
  delivered?: number;
  quantity?: number;
  price?: number;
  closed?: boolean;
}

/**
 * Orders come in through orders-in (in-memory mailbox and X3), then the tests play X3 users by putting sales orders,
 * deliveries and invoices into the change feed. The connector's clock runs 1 minute behind... X3's last stamp + 1 min.
 */
export function setupOutbound(
  options: { flows?: OutboundFlowsSettings; skewMs?: number; stores?: ConnectorStores } = {},
) {
  const base = options.stores ?? createMemoryStores();
  const crash = crashable(base.audit);
  const stores: ConnectorStores = { ...base, audit: crash.audit };
  const mailbox = new MemoryMailbox();
  const x3 = new MemoryX3();
  const feed = new MemoryChangeFeed();
  const sink = new MemorySink();
  const clock = { offsetMs: 60_000 + (options.skewMs ?? 0) };
  const now = () => new Date(feed.clock + clock.offsetMs);
  const flows: OutboundFlowsSettings = {
    "acks-out": { now, startFrom: "2026-11-28T00:00:00Z", ...options.flows?.["acks-out"] },
    "asns-out": {
      now,
      startFrom: "2026-11-28T00:00:00Z",
      gs1CompanyPrefix: GS1_PREFIX,
      shipFrom: {
        AddressName: "Chicago DC",
        Address1: "1 Dock Rd",
        City: "Chicago",
        State: "IL",
        PostalCode: "60607",
        Country: "US",
      },
      ...options.flows?.["asns-out"],
    },
    "invoices-out": { now, startFrom: "2026-11-28T00:00:00Z", ...options.flows?.["invoices-out"] },
  };
  /** A connector over these systems; `overrides` for another instance (its id, its own view of the stores...). */
  const make = (overrides: Partial<ConnectorOptions> = {}) =>
    createConnector({
      stores,
      orderSource: mailbox,
      orderGateway: x3,
      changeFeed: feed,
      documentSink: sink,
      mappings: acmeMappings,
      flows,
      // What a crash or a lost answer leaves is settled at once in these tests; the in-doubt window before it has
      // tests of its own (ledger/in-doubt-window.test.ts).
      inDoubtWindowMs: 0,
      ...overrides,
    });
  const connector = make();

  /** An 850 through orders-in; returns the X3 order key. */
  async function receive(spec: OrderSpec): Promise<string> {
    mailbox.put(`PO${spec.po}-v7.7-BulkImport.json`, bytesOf(make850(spec)));
    const summary = await connector.runOnce("orders-in");
    if (summary.outcomes.created !== 1) throw new Error(`850 ${spec.po} not created: ${JSON.stringify(summary)}`);
    const order = [...x3.orders.values()].find((o) => o.poNumber === spec.po);
    if (!order) throw new Error(`no X3 order for ${spec.po}`);
    return order.key;
  }

  /** The X3 order as a user left it: per line (by position) allocation, quantity, price, closing. */
  function salesOrder(key: string, lines: LineState[] = [], header: Partial<X3SalesOrder> = {}): X3SalesOrder {
    const draft = x3.orders.get(key);
    if (!draft) throw new Error(`no X3 order ${key}`);
    const x3Lines: X3SalesOrderLine[] = draft.lines.map((line, index) => {
      const state = lines[index] ?? {};
      const quantity = state.quantity ?? line.quantity;
      return {
        lineNumber: (index + 1) * 1000,
        itemRef: line.itemRef,
        quantity,
        allocatedQuantity: state.allocated ?? quantity,
        deliveredQuantity: state.delivered ?? 0,
        unitPrice: state.price ?? line.unitPrice,
        closed: state.closed ?? false,
      };
    });
    const allocated = x3Lines.every((l) => l.allocatedQuantity >= l.quantity)
      ? "full"
      : x3Lines.some((l) => l.allocatedQuantity > 0)
        ? "partial"
        : "none";
    return feed.putOrder({
      key,
      customer: draft.counterparty,
      reference: draft.poNumber,
      orderDate: draft.orderDate,
      site: draft.site,
      confirmed: false,
      allocation: allocated,
      closed: false,
      lines: x3Lines,
      ...header,
    });
  }

  return { stores, base, crash, mailbox, x3, feed, sink, clock, now, connector, make, receive, salesOrder };
}

/** A posted X3 sales invoice of the sample order (PO 8001): both its lines and a freight charge. */
export function sampleInvoice(
  key: string,
  orderKey: string,
  extra: Partial<X3Invoice> = {},
): Omit<X3Invoice, "updatedAt"> {
  return {
    key,
    orderKey,
    customer: "C0001",
    reference: "8001",
    posted: true,
    invoiceDate: "2026-11-30",
    paymentTerms: "NET30",
    totalExcludingTax: 186,
    charges: [{ code: "FREIGHT", amount: 15, description: "Freight" }],
    lines: [
      {
        lineNumber: 1000,
        orderKey,
        orderLineNumber: 1000,
        itemRef: "WID-001",
        quantity: 24,
        unitPrice: 4.5,
        amount: 108,
      },
      {
        lineNumber: 2000,
        orderKey,
        orderLineNumber: 2000,
        itemRef: "WID-002",
        quantity: 12,
        unitPrice: 5.25,
        amount: 63,
      },
    ],
    ...extra,
  };
}
