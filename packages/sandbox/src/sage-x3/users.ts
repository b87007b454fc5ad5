import type { SandboxClock } from "./clock.js";
import type { SandboxClassName, X3Record } from "./model.js";
import { notFound, recomputeSalesOrder, type SageX3Store, X3Refusal } from "./store.js";

export interface DeliverOptions {
  /** Quantity to ship per order line (SOPLIN → quantity). Default: everything allocated and not yet delivered. */
  lines?: Record<number, number>;
  /** Carrier code (BPTNUM). */
  carrier?: string;
  /** Mode of delivery (MDL). */
  mode?: string;
  billOfLading?: string;
  tracking?: string;
  packages?: number;
  grossWeight?: number;
  /** Validate the delivery at once (CFMFLG 2). Default true. */
  validate?: boolean;
  /** Delivery/ship date. Default today. */
  date?: string;
}

export interface InvoiceOptions {
  /** Invoicing elements (freight, handling...) added to the footer. */
  charges?: { code: string; amount: number; description?: string }[];
  /** Post the invoice at once (INVSTA 3). Default true. */
  post?: boolean;
  date?: string;
}

export interface LineChange {
  SOPLIN: number;
  QTY?: number;
  NETPRI?: number;
  GROPRI?: number;
  /** 3 closes the line (a rejected line). */
  SOQSTA?: number;
}

/** What X3 users do between two syncs: allocate, confirm, deliver, invoice. Each step stamps UPDDATTIM. */
export interface SageX3DataHelpers {
  get(className: SandboxClassName, key: string): X3Record | undefined;
  list(className: SandboxClassName): X3Record[];
  /** Inserts or replaces a record as is (with stamps), bypassing business checks. */
  put(className: SandboxClassName, record: X3Record): X3Record;
  remove(className: SandboxClassName, key: string): boolean;
  /** Allocates stock to an order: fully (default) or per line (SOPLIN → quantity allocated in total). */
  allocate(orderNumber: string, lines?: Record<number, number>): X3Record;
  /** Confirms the order (CFMFLG 2). */
  confirm(orderNumber: string): X3Record;
  /** Changes lines as a user does (quantity cut, price change, line closed). */
  changeLines(orderNumber: string, changes: LineChange[]): X3Record;
  /** Closes the order (ORDSTA 2). */
  close(orderNumber: string): X3Record;
  /** Creates a delivery for the order (validated unless `validate: false`) and updates the order's quantities. */
  deliver(orderNumber: string, options?: DeliverOptions): X3Record;
  /** Validates a delivery (CFMFLG 2). */
  validateDelivery(deliveryNumber: string): X3Record;
  /** Invoices a delivery: a sales invoice, posted unless `post: false`. */
  invoice(deliveryNumber: string, options?: InvoiceOptions): X3Record;
  /** Posts an invoice (INVSTA 3). */
  postInvoice(invoiceNumber: string): X3Record;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function lines(record: X3Record, field: string): X3Record[] {
  const value = record[field];
  return Array.isArray(value) ? (value as X3Record[]) : [];
}

export function createDataHelpers(store: SageX3Store, clock: SandboxClock): SageX3DataHelpers {
  const order = (number: string): X3Record => {
    const found = store.get("SORDER", number);
    if (!found) throw notFound("SORDER", number);
    return found;
  };
  const saveOrder = (record: X3Record) => store.put("SORDER", recomputeSalesOrder(record, store.taxRate));

  return {
    get: (className, key) => store.get(className, key),
    list: (className) => store.list(className),
    put: (className, record) => store.put(className, record),
    remove: (className, key) => store.remove(className, key),

    allocate(orderNumber, requested) {
      const record = order(orderNumber);
      for (const line of lines(record, "SOHSOP")) {
        const open = Number(line.QTY) - Number(line.DLVQTY ?? 0);
        const want = requested === undefined ? open : (requested[Number(line.SOPLIN)] ?? Number(line.ALLQTY ?? 0));
        line.ALLQTY = Math.max(0, Math.min(open, want));
      }
      return saveOrder(record);
    },

    confirm(orderNumber) {
      return saveOrder({ ...order(orderNumber), CFMFLG: 2 });
    },

    changeLines(orderNumber, changes) {
      const record = order(orderNumber);
      for (const change of changes) {
        const line = lines(record, "SOHSOP").find((candidate) => Number(candidate.SOPLIN) === change.SOPLIN);
        if (!line)
          throw new X3Refusal(404, [{ $severity: "error", $message: `Line ${change.SOPLIN} does not exist.` }]);
        Object.assign(line, change);
        if (change.SOQSTA === 3) line.ALLQTY = 0;
        if (Number(line.ALLQTY ?? 0) > Number(line.QTY)) line.ALLQTY = line.QTY;
      }
      return saveOrder(record);
    },

    close(orderNumber) {
      const record = order(orderNumber);
      for (const line of lines(record, "SOHSOP")) line.SOQSTA = 3;
      return saveOrder({ ...record, ORDSTA: 2 });
    },

    deliver(orderNumber, options = {}) {
      const record = order(orderNumber);
      const deliveryLines: X3Record[] = [];
      for (const line of lines(record, "SOHSOP")) {
        const soplin = Number(line.SOPLIN);
        const available = Number(line.ALLQTY ?? 0);
        const quantity = options.lines ? (options.lines[soplin] ?? 0) : available;
        if (quantity <= 0) continue;
        if (quantity > available) {
          throw new X3Refusal(400, [
            { $severity: "error", $message: `Line ${soplin}: ${quantity} to deliver but only ${available} allocated.` },
          ]);
        }
        line.ALLQTY = available - quantity;
        line.DLVQTY = Number(line.DLVQTY ?? 0) + quantity;
        deliveryLines.push({
          SDDLIN: (deliveryLines.length + 1) * 1000,
          SOHNUM: record.SOHNUM,
          SOPLIN: soplin,
          ITMREF: line.ITMREF,
          ITMDES1: line.ITMDES1,
          QTY: quantity,
          SAU: line.SAU,
          GROPRI: line.GROPRI,
          NETPRI: line.NETPRI,
        });
      }
      if (deliveryLines.length === 0) {
        throw new X3Refusal(400, [{ $severity: "error", $message: `Nothing allocated to deliver on ${orderNumber}.` }]);
      }
      saveOrder(record);
      const date = options.date ?? clock.x3Date();
      return store.put("SDELIVERY", {
        SDHNUM: store.nextNumber("SDH"),
        SDHTYP: "SDN",
        SALFCY: record.SALFCY,
        STOFCY: record.STOFCY ?? record.SALFCY,
        CPY: record.CPY,
        BPCORD: record.BPCORD,
        BPCINV: record.BPCINV,
        BPAADD: record.BPAADD,
        SOHNUM: record.SOHNUM,
        CUSORDREF: record.CUSORDREF,
        DLVDAT: date,
        SHIDAT: date,
        CFMFLG: options.validate === false ? 1 : 2,
        BPTNUM: options.carrier,
        MDL: options.mode,
        BOLNUM: options.billOfLading,
        TRKNUM: options.tracking,
        PACNBR: options.packages ?? 1,
        GROWEI: options.grossWeight,
        WEU: options.grossWeight === undefined ? undefined : "LB",
        SDHSDD: deliveryLines,
      });
    },

    validateDelivery(deliveryNumber) {
      const delivery = store.get("SDELIVERY", deliveryNumber);
      if (!delivery) throw notFound("SDELIVERY", deliveryNumber);
      return store.put("SDELIVERY", { ...delivery, CFMFLG: 2 });
    },

    invoice(deliveryNumber, options = {}) {
      const delivery = store.get("SDELIVERY", deliveryNumber);
      if (!delivery) throw notFound("SDELIVERY", deliveryNumber);
      if (delivery.CFMFLG !== 2) {
        throw new X3Refusal(400, [{ $severity: "error", $message: `Delivery ${deliveryNumber} is not validated.` }]);
      }
      const source = order(String(delivery.SOHNUM));
      const invoiceLines = lines(delivery, "SDHSDD").map((line, index) => {
        const amount = round2(Number(line.QTY) * Number(line.NETPRI ?? 0));
        return {
          SIDLIN: (index + 1) * 1000,
          ITMREF: line.ITMREF,
          ITMDES1: line.ITMDES1,
          QTY: line.QTY,
          SAU: line.SAU,
          GROPRI: line.GROPRI,
          NETPRI: line.NETPRI,
          AMTNOTLIN: amount,
          AMTATILIN: round2(amount * (1 + store.taxRate)),
          SOHNUM: line.SOHNUM,
          SOPLIN: line.SOPLIN,
          SDHNUM: delivery.SDHNUM,
          SDDLIN: line.SDDLIN,
        };
      });
      for (const invoiced of invoiceLines) {
        const line = lines(source, "SOHSOP").find((candidate) => candidate.SOPLIN === invoiced.SOPLIN);
        if (line) line.INVQTY = Number(line.INVQTY ?? 0) + Number(invoiced.QTY);
      }
      saveOrder(source);
      const charges = (options.charges ?? []).map((charge) => ({
        INVDTA: charge.code,
        INVDTADES: charge.description ?? charge.code,
        INVDTAAMT: charge.amount,
      }));
      const net = round2(
        invoiceLines.reduce((sum, line) => sum + line.AMTNOTLIN, 0) + charges.reduce((sum, c) => sum + c.INVDTAAMT, 0),
      );
      const tax = round2(net * store.taxRate);
      const date = options.date ?? clock.x3Date();
      return store.put("SINVOICE", {
        NUM: store.nextNumber("INV"),
        SIVTYP: "INV",
        INVTYP: 1,
        CPY: delivery.CPY,
        SALFCY: delivery.SALFCY,
        BPR: delivery.BPCINV,
        BPCINV: delivery.BPCINV,
        BPCORD: delivery.BPCORD,
        BPAADD: delivery.BPAADD,
        INVDAT: date,
        ACCDAT: date,
        CUR: source.CUR,
        PTE: source.PTE,
        AMTNOT: net,
        AMTTAX: tax,
        AMTATI: round2(net + tax),
        INVSTA: options.post === false ? 1 : 3,
        STA: options.post === false ? 1 : 3,
        SOHNUM: delivery.SOHNUM,
        CUSORDREF: delivery.CUSORDREF,
        SIVSID: invoiceLines,
        SIVINVDTA: charges,
      });
    },

    postInvoice(invoiceNumber) {
      const invoice = store.get("SINVOICE", invoiceNumber);
      if (!invoice) throw notFound("SINVOICE", invoiceNumber);
      return store.put("SINVOICE", { ...invoice, INVSTA: 3, STA: 3 });
    },
  };
}
