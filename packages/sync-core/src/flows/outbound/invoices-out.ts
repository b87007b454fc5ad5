import {
  type Address,
  type AllowChrgCode,
  buildInvoice,
  type InvoiceChargeInput,
  type InvoiceLineInput,
  type InvoiceOptions,
  type InvoiceTermsInput,
  type LineRef,
  RsxBuildError,
} from "@ml-connector/rsx";
import type { JsonValue } from "@ml-connector/state";
import type { X3Invoice } from "../../ports/x3-change-feed.js";
import type { OutboundFlowDefinition } from "./outbound-flow.js";
import type { OutboundDeps, OutboundSettings } from "./publish.js";
import { findOrderOf, isSourceLink, orderLinks, pairLines, withoutSource } from "./source-order.js";

export interface InvoicesOutSettings extends OutboundSettings {
  /** X3 invoicing element (INVDTA) → X12 charge/allowance code. Defaults cover FREIGHT/FRT (D240), HANDLING/HDL (D500). */
  chargeCodes?: Record<string, AllowChrgCode> | undefined;
  /** X3 payment term (PTE) → terms. Default: `NETnn` → net nn days; otherwise the 850's terms. */
  paymentTerms?: Record<string, InvoiceTermsInput> | undefined;
  /** Remit-to address on every invoice. */
  remitTo?: Omit<Address, "AddressTypeCode"> | undefined;
}

export const defaultChargeCodes: Readonly<Record<string, AllowChrgCode>> = {
  FREIGHT: "D240",
  FRT: "D240",
  HANDLING: "D500",
  HDL: "D500",
};

/** `NET30` → 30 days net; `2%10NET30` → 2 % within 10 days, 30 days net. */
export function termsFromCode(code: string | undefined): InvoiceTermsInput | undefined {
  if (!code) return undefined;
  const match = /^(?:(\d+(?:\.\d+)?)%(\d+))?\s*NET\s*(\d+)$/i.exec(code.trim());
  if (!match) return undefined;
  const [, percent, discountDays, netDays] = match;
  return {
    netDays: Number(netDays),
    ...(percent !== undefined && discountDays !== undefined
      ? { discountPercent: Number(percent), discountDays: Number(discountDays) }
      : {}),
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The invoices-out flow: an 810 for each posted sales invoice of an SPS partner's order. */
export function invoicesOutDefinition(
  deps: OutboundDeps,
  settings: InvoicesOutSettings,
): OutboundFlowDefinition<"invoice", "Invoice"> {
  const chargeCodes = { ...defaultChargeCodes, ...(settings.chargeCodes ?? {}) };
  return {
    name: "invoices-out",
    kind: "invoice",
    rsxType: "Invoice",
    documentType: "810",
    // X3 corrects a posted invoice with a credit note (another NUM), never by editing it.
    settled: (invoice: X3Invoice) => invoice.posted,
    async prepare(invoice: X3Invoice, signal) {
      if (!invoice.posted) return { kind: "skip", reason: "invoice not posted" };
      // The orders it bills: the header's, then each line's (most invoices name one).
      const orderKeys = new Set<string>();
      if (invoice.orderKey) orderKeys.add(invoice.orderKey);
      for (const line of invoice.lines) if (line.orderKey) orderKeys.add(line.orderKey);
      const orderKey: string | undefined = orderKeys.values().next().value;
      // The shipment it bills (ship date, BOL, PRO), when it bills one delivery.
      const deliveryKey = invoice.deliveryKeys?.length === 1 ? invoice.deliveryKeys[0] : undefined;
      const links = orderKey === undefined ? undefined : await orderLinks(deps.audit, orderKey);
      // An order orders-in made from a partner's 850: the delivery is read alongside the order rather than after it
      // (one X3 round trip less per 810). Any other invoice's delivery is read only once its order proves a partner's.
      const deliveryRead =
        deliveryKey !== undefined && links?.some(isSourceLink)
          ? deps.feed.get("delivery", deliveryKey, signal)
          : undefined;
      // Not awaited when the invoice turns out to have nothing to send: its failure is then nobody's to handle.
      deliveryRead?.catch(() => undefined);
      const { order, found } = await findOrderOf(deps, invoice, orderKey, signal, links);
      const poNumber = invoice.reference;
      if (found.kind !== "found") return withoutSource(found, poNumber);
      const source = found.source;
      if (orderKeys.size > 1) {
        return {
          kind: "invalid",
          partnerId: source.partnerId,
          poNumber,
          reasons: [
            {
              path: "x3.SIVSID",
              code: "several_orders",
              message: `Invoice ${invoice.key} bills ${[...orderKeys].join(", ")}: an 810 answers one PO; invoice each order separately.`,
            },
          ],
        };
      }
      const pairs = order ? await pairLines(source, order.lines, deps.mappings) : new Map<number, LineRef>();
      const shipment = deliveryKey ? await (deliveryRead ?? deps.feed.get("delivery", deliveryKey, signal)) : undefined;
      const content: JsonValue = {
        shipment: shipment ? [shipment.shipDate, shipment.billOfLading ?? null, shipment.proNumber ?? null] : null,
        date: invoice.invoiceDate,
        terms: invoice.paymentTerms ?? null,
        total: invoice.totalExcludingTax,
        credit: invoice.credit === true,
        lines: invoice.lines.map((line) => [line.orderLineNumber ?? null, line.quantity, line.unitPrice]),
        charges: invoice.charges.map((charge) => [charge.code, charge.amount]),
      };
      return {
        kind: "draft",
        draft: {
          flow: "invoices-out",
          rsxType: "Invoice",
          x3: { entity: "SINVOICE", key: invoice.key, updatedAt: invoice.updatedAt },
          relation: "bills",
          source,
          content,
          salesOrder: orderKey ? { key: orderKey, relation: "invoices" } : undefined,
          async build({ revision }) {
            const lines: InvoiceLineInput[] = invoice.lines.map((line) => {
              const ref = line.orderLineNumber === undefined ? undefined : pairs.get(line.orderLineNumber);
              if (ref === undefined) {
                throw new RsxBuildError(
                  `Invoice line ${line.lineNumber} (${line.itemRef}) matches no line of PO ${source.order.Header.OrderHeader.PurchaseOrderNumber}.`,
                );
              }
              return { line: ref, quantity: Math.abs(line.quantity), unitPrice: line.unitPrice };
            });
            const charges: InvoiceChargeInput[] = invoice.charges.map((charge) => {
              const code = chargeCodes[charge.code.toUpperCase()] ?? chargeCodes[charge.code];
              if (!code) {
                throw new RsxBuildError(
                  `Invoicing element ${charge.code} has no X12 charge code: add it to flows['invoices-out'].chargeCodes.`,
                );
              }
              return {
                indicator: charge.amount >= 0 ? "C" : "A",
                code,
                amount: Math.abs(charge.amount),
                ...(charge.description ? { description: charge.description } : {}),
              };
            });
            const terms =
              (invoice.paymentTerms ? settings.paymentTerms?.[invoice.paymentTerms] : undefined) ??
              termsFromCode(invoice.paymentTerms);
            // Set one by one rather than spread from conditional objects: this runs for every invoice.
            const options: { -readonly [K in keyof InvoiceOptions]: InvoiceOptions[K] } = {
              invoiceNumber: invoice.key,
              invoiceDate: invoice.invoiceDate,
              lines,
              charges,
            };
            if (terms) options.terms = terms;
            if (settings.remitTo) options.remitTo = settings.remitTo;
            if (shipment) options.shipDate = shipment.shipDate;
            if (shipment?.billOfLading) options.billOfLadingNumber = shipment.billOfLading;
            if (shipment?.proNumber) options.carrierProNumber = shipment.proNumber;
            const document = buildInvoice(source.order, options);
            // The 810 must add up to what X3 booked: lines + charges - allowances = AMTNOT (a credit's sign aside).
            const total = document.Summary?.TotalAmount ?? 0;
            const booked = invoice.credit ? Math.abs(invoice.totalExcludingTax) : invoice.totalExcludingTax;
            if (Math.abs(round2(total) - round2(booked)) > 0.005) {
              throw new RsxBuildError(
                `The 810 adds up to ${round2(total)} but X3 booked ${round2(booked)} (AMTNOT) for invoice ${invoice.key}.`,
              );
            }
            if (invoice.credit) document.Header.InvoiceHeader.InvoiceTypeCode = "CR";
            if (revision > 1) document.Header.InvoiceHeader.TsetPurposeCode = "05";
            return { document, metadata: { total } };
          },
        },
      };
    },
  };
}
