import type { Order } from "@ml-connector/rsx";
import {
  type ItemIdentifiers,
  type MappingStore,
  type Reason,
  storeSupport,
  type TradingPartner,
} from "@ml-connector/state";
import type { OrderDraft, OrderLineDraft } from "../../ports/order-gateway.js";

export type MapOrderResult =
  | { ok: true; draft: OrderDraft; partner: TradingPartner }
  | { ok: false; reasons: Reason[]; partner?: TradingPartner | undefined };

/** DateTimeQualifier codes read as the requested delivery date, in order of preference. */
export const requestedDateQualifiers: readonly string[] = ["002", "010", "037", "038"];

/** The header date X3 gets as the requested delivery date: the first qualifier of `requestedDateQualifiers` present. */
export function requestedDateOf<D extends { DateTimeQualifier?: string | undefined; Date?: string | undefined }>(
  dates: readonly D[] | undefined,
): D | undefined {
  for (const qualifier of requestedDateQualifiers) {
    const found = dates?.find((date) => date.DateTimeQualifier === qualifier && date.Date !== undefined);
    if (found) return found;
  }
  return undefined;
}

/** The path of a line's OrderLine in reasons: made only when a reason names it. */
const linePath = (index: number) => `LineItem[${index}].OrderLine`;

const atMostFourDecimals = /^-?\d+(\.\d{1,4})?$/;

/**
 * Turns an 850 into an X3 order draft with the MappingStore: partner → customer/supplier, site, type, currency;
 * ship-to location → address code; every line's item (in the partner's lookup order) and unit; cost centres.
 * Every unmapped field is reported with its path, so one rejection tells the whole story; nothing is half-mapped.
 */
export async function mapOrder(order: Order, mappings: MappingStore): Promise<MapOrderResult> {
  const header = order.Header.OrderHeader;
  const partnerId = header.TradingPartnerId;
  const addresses = order.Header.Address ?? [];
  const shipToIndex = addresses.findIndex((address) => address.AddressTypeCode === "ST");
  const shipTo = shipToIndex >= 0 ? addresses[shipToIndex] : undefined;
  const lineItems = order.LineItem ?? [];
  // Every read the order needs, asked at once: the lines' identifiers (of the lines that have an OrderLine) and
  // their units, each unit once (an order's lines nearly always share one or two).
  const lineIdentifiers: ItemIdentifiers[] = [];
  const units: string[] = [];
  for (const lineItem of lineItems) {
    const line = lineItem?.OrderLine;
    if (!line) continue;
    lineIdentifiers.push({
      vendorPartNumber: line.VendorPartNumber,
      buyerPartNumber: line.BuyerPartNumber,
      upc: line.ConsumerPackageCode,
      gtin: line.GTIN,
    });
    const unit = line.OrderQtyUOM ?? "EA";
    if (!units.includes(unit)) units.push(unit);
  }
  const query = {
    partnerId,
    shipTo: shipTo?.AddressLocationNumber || undefined,
    lines: lineIdentifiers,
    units,
    department: header.Department,
  };
  const reads = mappings.readOrder
    ? await mappings.readOrder(query)
    : await storeSupport.readOrderOneByOne(mappings, query);
  const partner = reads.partner;
  if (!partner) {
    return {
      ok: false,
      reasons: [
        {
          path: "Header.OrderHeader.TradingPartnerId",
          code: "unknown_partner",
          message: `Trading partner "${partnerId}" is not mapped: add it to the partner mappings (partners.csv) with its X3 customer, site, order type and currency.`,
        },
      ],
    };
  }
  const reasons: Reason[] = [];
  const counterparty = partner.orderKind === "purchase" ? partner.x3Supplier : partner.x3Customer;
  if (!counterparty) {
    reasons.push({
      path: "Header.OrderHeader.TradingPartnerId",
      code: "partner_incomplete",
      message: `Partner "${partnerId}" has no X3 ${partner.orderKind === "purchase" ? "supplier" : "customer"}.`,
    });
  }

  let shipToAddressCode: string | undefined;
  if (shipTo?.AddressLocationNumber) {
    const mapped = reads.shipTo;
    if (mapped) shipToAddressCode = mapped.x3AddressCode;
    else {
      reasons.push({
        path: `Header.Address[${shipToIndex}].AddressLocationNumber`,
        code: "unknown_ship_to",
        message: `Ship-to location "${shipTo.AddressLocationNumber}" of partner ${partnerId} is not mapped to an X3 address code (ship-to.csv).`,
      });
    }
  }

  const lines: OrderLineDraft[] = [];
  if (lineItems.length === 0) {
    reasons.push({ path: "LineItem", code: "no_lines", message: "The order has no lines." });
  }
  const lineNumbers = new Set<string>();
  // The place of the line among those with an OrderLine: its item in `reads.items`.
  let read = 0;
  for (let index = 0; index < lineItems.length; index++) {
    const line = lineItems[index]?.OrderLine;
    if (!line) {
      reasons.push({ path: linePath(index), code: "required", message: "The line has no OrderLine." });
      continue;
    }
    const identifiers = lineIdentifiers[read] as ItemIdentifiers;
    const item = reads.items[read];
    read++;
    if (line.LineSequenceNumber !== undefined) {
      if (lineNumbers.has(line.LineSequenceNumber)) {
        reasons.push({
          path: `${linePath(index)}.LineSequenceNumber`,
          code: "duplicate_line",
          message: `Line number ${line.LineSequenceNumber} appears more than once in the order.`,
        });
      }
      lineNumbers.add(line.LineSequenceNumber);
    }
    if (line.PurchasePrice !== undefined && !atMostFourDecimals.test(String(line.PurchasePrice))) {
      reasons.push({
        path: `${linePath(index)}.PurchasePrice`,
        code: "too_many_decimals",
        message: `The unit price ${line.PurchasePrice} has more than 4 decimals.`,
      });
    }
    if (!item) {
      const tried = partner.itemLookupOrder
        .map((kind) => `${kind} ${identifiers[kind] ? `"${identifiers[kind]}"` : "(empty)"}`)
        .join(", ");
      reasons.push({
        path: `${linePath(index)}.${line.VendorPartNumber ? "VendorPartNumber" : line.BuyerPartNumber ? "BuyerPartNumber" : "ConsumerPackageCode"}`,
        code: "unknown_item",
        message: `No X3 item for line ${line.LineSequenceNumber ?? index + 1}: tried ${tried}. Add one of them to items.csv.`,
      });
    }
    if (line.OrderQty === undefined || line.OrderQty <= 0) {
      reasons.push({
        path: `${linePath(index)}.OrderQty`,
        code: "not_positive",
        message: "The ordered quantity must be above 0.",
      });
    }
    const ediUnit = line.OrderQtyUOM ?? "EA";
    const uom = reads.uoms[units.indexOf(ediUnit)];
    if (!uom) {
      reasons.push({
        path: `${linePath(index)}.OrderQtyUOM`,
        code: "unknown_uom",
        message: `Unit "${ediUnit}" is not mapped to an X3 unit (uoms.csv).`,
      });
    }
    if (item && uom && line.OrderQty !== undefined && line.OrderQty > 0) {
      lines.push({
        sourceLine: line.LineSequenceNumber ?? String(index + 1),
        itemRef: item.itemRef,
        quantity: line.OrderQty,
        unit: uom.x3Unit,
        unitPrice: line.PurchasePrice,
        buyerPartNumber: line.BuyerPartNumber,
      });
    }
  }

  const costCentre = reads.costCentre;

  if (reasons.length > 0 || !counterparty) return { ok: false, reasons, partner };

  const requestedDate = requestedDateOf(order.Header.Dates)?.Date;

  return {
    ok: true,
    partner,
    draft: {
      kind: partner.orderKind,
      counterparty,
      site: partner.site,
      orderType: partner.orderType,
      currency: header.BuyersCurrency ?? partner.currency,
      poNumber: header.PurchaseOrderNumber,
      orderDate: header.PurchaseOrderDate,
      requestedDeliveryDate: requestedDate,
      shipToAddressCode,
      dimensions: costCentre?.dimensions,
      lines,
    },
  };
}
