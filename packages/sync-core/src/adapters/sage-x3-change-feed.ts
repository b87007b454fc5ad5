import type { Delivery, Invoice, SageX3Client, SalesOrder } from "@ml-connector/sage-x3-client";
import type {
  X3ChangeFeed,
  X3ChangeKind,
  X3ChangeRecords,
  X3Delivery,
  X3DeliveryPack,
  X3Invoice,
  X3SalesOrder,
} from "../ports/x3-change-feed.js";

export interface SageX3ChangeFeedOptions {
  /** Records handed to the flow per page. Default 50. */
  pageSize?: number | undefined;
  /** The sales order line field where this installation keeps the 850's LineSequenceNumber, if any. */
  sourceLineField?: string | undefined;
  /** Read every record with `$details` even when `$query` already returned its lines. Default false. */
  alwaysReadDetails?: boolean | undefined;
}

const classes = { salesOrder: "SORDER", delivery: "SDELIVERY", invoice: "SINVOICE" } as const;

const round2 = (value: number) => Math.round(value * 100) / 100;
const kgToLb = 2.2046226218;

/** `2026-11-28T10:00:00Z` (or an X3 date) → ISO; a missing stamp sorts first. */
function stamp(value: string | undefined): string {
  return value ?? "1970-01-01T00:00:00Z";
}

function field(record: object, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const value = (record as Record<string, unknown>)[name];
  return typeof value === "string" && value.trim() !== ""
    ? value.trim()
    : typeof value === "number"
      ? String(value)
      : undefined;
}

function toSalesOrder(record: SalesOrder, options: SageX3ChangeFeedOptions): X3SalesOrder {
  const lines = record.SOHSOP ?? [];
  return {
    key: record.SOHNUM,
    updatedAt: stamp(record.UPDDATTIM),
    customer: record.BPCORD,
    reference: record.CUSORDREF || undefined,
    orderDate: record.ORDDAT,
    site: record.SALFCY,
    shipToAddressCode: record.BPAADD || undefined,
    confirmed: record.CFMFLG === 2,
    allocation: record.ALLSTA === 3 ? "full" : record.ALLSTA === 2 ? "partial" : "none",
    closed: record.ORDSTA === 2,
    lines: lines.map((line, index) => ({
      lineNumber: line.SOPLIN ?? (index + 1) * 1000,
      sourceLine: field(line, options.sourceLineField),
      customerItemRef: line.ITMREFBPC || undefined,
      itemRef: line.ITMREF,
      quantity: line.QTY,
      allocatedQuantity: (line.ALLQTY ?? 0) + (line.DLVQTY ?? 0),
      deliveredQuantity: line.DLVQTY ?? 0,
      unitPrice: line.NETPRI ?? line.GROPRI,
      closed: line.SOQSTA === 3 || record.ORDSTA === 2,
      shipDate: line.SHIDAT ?? line.DEMDLVDAT,
    })),
  };
}

function weightLb(weight: number | undefined, unit: string | undefined): number | undefined {
  if (weight === undefined) return undefined;
  const normalized = (unit ?? "LB").toUpperCase();
  if (normalized === "LB") return weight;
  if (normalized === "KG") return round2(weight * kgToLb);
  return undefined;
}

function toDelivery(record: Delivery): X3Delivery {
  const lines = (record.SDHSDD ?? []).map((line, index) => ({
    lineNumber: line.SDDLIN ?? (index + 1) * 1000,
    orderKey: line.SOHNUM ?? record.SOHNUM ?? "",
    orderLineNumber: line.SOPLIN ?? 0,
    itemRef: line.ITMREF,
    quantity: line.QTY,
    packageNumber: line.PCKNUM,
  }));
  // Packing known per line (PCKNUM): one pack per package number; otherwise the flow ships one unit.
  let packs: X3DeliveryPack[] | undefined;
  if (lines.length > 0 && lines.every((line) => line.packageNumber)) {
    const byPackage = new Map<string, X3DeliveryPack>();
    for (const line of lines) {
      const pack = byPackage.get(line.packageNumber ?? "") ?? { items: [] };
      pack.items.push({ lineNumber: line.lineNumber, quantity: line.quantity });
      byPackage.set(line.packageNumber ?? "", pack);
    }
    packs = [...byPackage.values()];
    if (packs.length === 1 && packs[0]) {
      packs[0].trackingNumber = record.TRKNUM;
      packs[0].weightLb = weightLb(record.GROWEI, record.WEU);
    }
  }
  return {
    key: record.SDHNUM,
    updatedAt: stamp(record.UPDDATTIM),
    orderKey: record.SOHNUM ?? lines[0]?.orderKey ?? "",
    customer: record.BPCORD,
    reference: record.CUSORDREF || undefined,
    validated: record.CFMFLG === 2,
    shipDate: record.SHIDAT ?? record.DLVDAT ?? stamp(record.UPDDATTIM).slice(0, 10),
    site: record.STOFCY ?? record.SALFCY,
    shipToAddressCode: record.BPAADD || undefined,
    carrier: record.BPTNUM || undefined,
    deliveryMode: record.MDL || undefined,
    billOfLading: record.BOLNUM || undefined,
    trackingNumber: record.TRKNUM || undefined,
    packageCount: record.PACNBR,
    grossWeightLb: weightLb(record.GROWEI, record.WEU),
    packs,
    lines: lines.map(({ packageNumber: _, ...line }) => line),
  };
}

function toInvoice(record: Invoice): X3Invoice {
  const lines = (record.SIVSID ?? []).map((line, index) => {
    const unitPrice = line.NETPRI ?? line.GROPRI ?? 0;
    return {
      lineNumber: line.SIDLIN ?? (index + 1) * 1000,
      orderKey: line.SOHNUM ?? record.SOHNUM,
      orderLineNumber: line.SOPLIN,
      itemRef: line.ITMREF,
      quantity: line.QTY,
      unitPrice,
      amount: line.AMTNOTLIN ?? round2(line.QTY * unitPrice),
    };
  });
  const charges = (record.SIVINVDTA ?? []).map((charge) => ({
    code: charge.INVDTA,
    amount: charge.INVDTAAMT,
    description: charge.INVDTADES,
  }));
  const computed = round2(
    lines.reduce((sum, line) => sum + line.amount, 0) + charges.reduce((sum, charge) => sum + charge.amount, 0),
  );
  const deliveryKeys = [
    ...new Set((record.SIVSID ?? []).map((line) => line.SDHNUM).filter((key): key is string => !!key)),
  ];
  return {
    key: record.NUM,
    updatedAt: stamp(record.UPDDATTIM),
    orderKey: record.SOHNUM ?? lines[0]?.orderKey,
    customer: record.BPCORD ?? record.BPCINV ?? "",
    reference: record.CUSORDREF || undefined,
    posted: record.INVSTA === 3 || record.STA === 3,
    credit: record.INVTYP === 2 || record.INVTYP === 4,
    invoiceDate: record.INVDAT ?? record.ACCDAT ?? stamp(record.UPDDATTIM).slice(0, 10),
    paymentTerms: record.PTE || undefined,
    currency: record.CUR,
    totalExcludingTax: record.AMTNOT ?? computed,
    totalIncludingTax: record.AMTATI,
    deliveryKeys,
    charges,
    lines,
  };
}

function hasLines(kind: X3ChangeKind, record: SalesOrder | Delivery | Invoice): boolean {
  if (kind === "salesOrder") return Array.isArray((record as SalesOrder).SOHSOP);
  if (kind === "delivery") return Array.isArray((record as Delivery).SDHSDD);
  return Array.isArray((record as Invoice).SIVSID);
}

/**
 * The outbound flows' view of Sage X3 over the api1 client: `changedPages` on SORDER, SDELIVERY and SINVOICE (UPDDATTIM
 * window, ordered by UPDDATTIM then key, paged with X3's `$next` links so ties are never lost), each record read with
 * `$details` when `$query` leaves its lines out, converted to the flows' records. A row the caller says it already
 * handled in that version (`known`: key and UPDDATTIM of the `$query` row) is left out, unread.
 */
export function createSageX3ChangeFeed(x3: SageX3Client, options: SageX3ChangeFeedOptions = {}): X3ChangeFeed {
  const pageSize = options.pageSize ?? 50;
  const convert = <K extends X3ChangeKind>(kind: K, record: SalesOrder | Delivery | Invoice): X3ChangeRecords[K] => {
    const converted =
      kind === "salesOrder"
        ? toSalesOrder(record as SalesOrder, options)
        : kind === "delivery"
          ? toDelivery(record as Delivery)
          : toInvoice(record as Invoice);
    return converted as X3ChangeRecords[K];
  };
  const keyOf = (kind: X3ChangeKind, record: SalesOrder | Delivery | Invoice): string =>
    kind === "salesOrder"
      ? (record as SalesOrder).SOHNUM
      : kind === "delivery"
        ? (record as Delivery).SDHNUM
        : (record as Invoice).NUM;
  const withDetails = async (
    kind: X3ChangeKind,
    record: SalesOrder | Delivery | Invoice,
    signal: AbortSignal | undefined,
  ): Promise<SalesOrder | Delivery | Invoice> => {
    if (!options.alwaysReadDetails && hasLines(kind, record)) return record;
    const detailed = await x3.read(classes[kind], keyOf(kind, record), { signal });
    // Deleted in between: keep the header; its UPDDATTIM still moves the cursor.
    return detailed ?? record;
  };

  return {
    name: `sage-x3:${x3.endpoint}`,
    async *changes(kind, window, signal, options) {
      const known = options?.known;
      // X3's pages as they come (not its records one by one through a generator, and gathered again into pages).
      const pages = x3.changedPages(classes[kind], window.from, { until: window.to, signal, count: pageSize });
      for await (const { records } of pages) {
        const page: Promise<SalesOrder | Delivery | Invoice>[] = [];
        for (const record of records as (SalesOrder | Delivery | Invoice)[]) {
          // A version the caller already handled (same key, same UPDDATTIM) is not read again in detail.
          if (known?.({ key: keyOf(kind, record), updatedAt: stamp(record.UPDDATTIM) })) continue;
          page.push(withDetails(kind, record, signal));
        }
        if (page.length === 0) continue;
        const detailed = await Promise.all(page);
        yield detailed.map((record) => convert(kind, record));
      }
    },
    async get(kind, key, signal) {
      // The run's signal: a stopped run leaves no read behind (nor its retries).
      const record = await x3.read(classes[kind], key, { signal });
      return record ? convert(kind, record) : undefined;
    },
  };
}
