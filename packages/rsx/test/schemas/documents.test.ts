import { describe, expect, expectTypeOf, test } from "vitest";
import {
  type Invoice,
  type InvoiceLineItem,
  invoiceSchema,
  type OrderAck,
  type OrderAckLineItem,
  type OrderChange,
  orderAckSchema,
  orderChangeSchema,
  type RsxDocumentMap,
  type RsxDocumentType,
  type RsxMeta,
  rsxDocumentSchemas,
  rsxXmlRoots,
  type Shipment,
  type ShipmentItemLevel,
  type ShipmentOrderLevel,
  type ShipmentPackLevel,
  shipmentSchema,
} from "../../src/schemas/index.js";

function issuePaths(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((issue) => issue.path.join("."));
}

const orderAck: OrderAck = {
  Header: {
    OrderHeader: {
      TradingPartnerId: "ACMERETAIL01",
      PurchaseOrderNumber: "PO-584615",
      TsetPurposeCode: "00",
      AcknowledgementType: "AC",
      PurchaseOrderDate: "2026-11-20",
      AcknowledgementDate: "2026-11-21",
    },
  },
  LineItem: [
    {
      OrderLine: {
        LineSequenceNumber: "1",
        BuyerPartNumber: "BP-100",
        OrderQty: 24,
        OrderQtyUOM: "EA",
        PurchasePrice: 3.75,
      },
      LineItemAcknowledgement: [
        {
          ItemStatusCode: "IA",
          ItemScheduleQty: 20,
          ItemScheduleUOM: "EA",
          ItemScheduleQualifier: "068",
          ItemScheduleDate: "2026-12-01",
        },
        { ItemStatusCode: "IB", ItemScheduleQty: 4, ItemScheduleUOM: "EA" },
      ],
    },
  ],
  Summary: { TotalAmount: 90, TotalLineItemNumber: 1 },
};

const shipment: Shipment = {
  Header: {
    ShipmentHeader: {
      TradingPartnerId: "ACMERETAIL01",
      ShipmentIdentification: "SH-1001",
      ShipDate: "2026-11-30",
      ShipmentTime: "14:30:00",
      TsetPurposeCode: "00",
    },
    Address: [
      { AddressTypeCode: "SF", AddressName: "ML Supplier Plant" },
      { AddressTypeCode: "ST", AddressLocationNumber: "0457" },
    ],
  },
  OrderLevel: [
    {
      OrderHeader: { PurchaseOrderNumber: "PO-584615", PurchaseOrderDate: "2026-11-20" },
      PackLevel: [
        {
          Pack: { PackLevelType: "P", ShippingSerialID: "00106141411234567894" },
          ItemLevel: [
            { ShipmentLine: { LineSequenceNumber: "1", BuyerPartNumber: "BP-100", ShipQty: 20, ShipQtyUOM: "EA" } },
          ],
        },
      ],
    },
  ],
  Summary: { TotalLineItemNumber: 1 },
};

const invoice: Invoice = {
  Header: {
    InvoiceHeader: {
      TradingPartnerId: "ACMERETAIL01",
      InvoiceNumber: "INV-9001",
      InvoiceDate: "2026-12-02",
      PurchaseOrderNumber: "PO-584615",
      TsetPurposeCode: "00",
      InvoiceTypeCode: "DR",
    },
    PaymentTerms: [{ TermsType: "08", TermsNetDueDays: 30 }],
  },
  LineItem: [{ InvoiceLine: { LineSequenceNumber: "1", InvoiceQty: 20, InvoiceQtyUOM: "EA", PurchasePrice: 3.75 } }],
  Summary: { TotalAmount: 75, TotalLineItemNumber: 1 },
};

const orderChange: OrderChange = {
  Header: {
    OrderHeader: {
      TradingPartnerId: "ACMERETAIL01",
      PurchaseOrderNumber: "PO-584615",
      TsetPurposeCode: "04",
      POChangeDate: "2026-11-22",
    },
  },
  LineItem: [
    {
      OrderLine: { LineSequenceNumber: "1", LineChangeCode: "QI", OrderQty: 30, PreviousOrderQty: 24, VarianceQty: 6 },
    },
  ],
};

describe("the other documents", () => {
  test("a realistic 855, 856, 810 and 860 pass unchanged", () => {
    expect(orderAckSchema.parse(orderAck)).toEqual(orderAck);
    expect(shipmentSchema.parse(shipment)).toEqual(shipment);
    expect(invoiceSchema.parse(invoice)).toEqual(invoice);
    expect(orderChangeSchema.parse(orderChange)).toEqual(orderChange);
  });

  test("each document requires its header key", () => {
    expect(issuePaths(orderAckSchema.safeParse({ Header: { OrderHeader: { TradingPartnerId: "A" } } }))).toEqual([
      "Header.OrderHeader.PurchaseOrderNumber",
    ]);
    expect(issuePaths(shipmentSchema.safeParse({ Header: { ShipmentHeader: { TradingPartnerId: "A" } } }))).toEqual([
      "Header.ShipmentHeader.ShipmentIdentification",
    ]);
    expect(issuePaths(invoiceSchema.safeParse({ Header: { InvoiceHeader: { TradingPartnerId: "A" } } }))).toEqual([
      "Header.InvoiceHeader.InvoiceNumber",
    ]);
  });

  test("855 line status codes are checked", () => {
    const bad = structuredClone(orderAck) as unknown as {
      LineItem: Array<{ LineItemAcknowledgement: Array<Record<string, unknown>> }>;
    };
    bad.LineItem[0]!.LineItemAcknowledgement[1]!.ItemStatusCode = "XX";
    expect(issuePaths(orderAckSchema.safeParse(bad))).toEqual(["LineItem.0.LineItemAcknowledgement.1.ItemStatusCode"]);
  });

  test("the 810 has its own TsetPurposeCode list (no 04 Change)", () => {
    const changed = structuredClone(invoice) as unknown as { Header: { InvoiceHeader: Record<string, unknown> } };
    changed.Header.InvoiceHeader.TsetPurposeCode = "04";
    expect(issuePaths(invoiceSchema.safeParse(changed))).toEqual(["Header.InvoiceHeader.TsetPurposeCode"]);
  });

  test("the 860 line carries change fields the 850 line does not", () => {
    const asOrder = {
      Header: { OrderHeader: { TradingPartnerId: "A", PurchaseOrderNumber: "1" } },
      LineItem: orderChange.LineItem,
    };
    expect(issuePaths(rsxDocumentSchemas.Order.safeParse(asOrder))).toEqual(["LineItem.0.OrderLine"]);
  });

  test("856 levels nest recursively, with one kind of child level per level", () => {
    const nested = structuredClone(shipment);
    const pack = nested.OrderLevel![0]!.PackLevel![0]!;
    const inner: ShipmentPackLevel = { Pack: { PackLevelType: "I" }, ItemLevel: pack.ItemLevel };
    pack.PackLevel = [inner];
    delete pack.ItemLevel;
    expect(issuePaths(shipmentSchema.safeParse(nested))).toEqual([]);

    pack.ItemLevel = inner.ItemLevel;
    expect(issuePaths(shipmentSchema.safeParse(nested))).toEqual(["OrderLevel.0.PackLevel.0.PackLevel"]);
  });

  test("unknown properties deep in the 856 hierarchy are reported with their path", () => {
    const bad = structuredClone(shipment) as unknown as {
      OrderLevel: Array<{ PackLevel: Array<{ ItemLevel: Array<{ ShipmentLine: Record<string, unknown> }> }> }>;
    };
    bad.OrderLevel[0]!.PackLevel[0]!.ItemLevel[0]!.ShipmentLine.Colour = "blue";
    expect(issuePaths(shipmentSchema.safeParse(bad))).toEqual(["OrderLevel.0.PackLevel.0.ItemLevel.0.ShipmentLine"]);
  });

  test("rsxDocumentSchemas and rsxXmlRoots cover every document type", () => {
    const types: RsxDocumentType[] = ["Order", "OrderAck", "Shipment", "Invoice", "OrderChange"];
    expect(Object.keys(rsxDocumentSchemas).sort()).toEqual([...types].sort());
    expect(rsxXmlRoots.Order).toEqual({ plural: "Orders", singular: "Order" });
    expect(rsxXmlRoots.OrderChange).toEqual({ plural: "OrderChanges", singular: "OrderChange" });
    expect(rsxDocumentSchemas.Invoice.safeParse(invoice).success).toBe(true);
  });

  test("types", () => {
    expectTypeOf<RsxDocumentMap["Shipment"]>().toEqualTypeOf<Shipment>();
    expectTypeOf<RsxDocumentMap["OrderAck"]>().toEqualTypeOf<OrderAck>();
    expectTypeOf<NonNullable<OrderAck["LineItem"]>[number]>().toEqualTypeOf<OrderAckLineItem>();
    expectTypeOf<NonNullable<Invoice["LineItem"]>[number]>().toEqualTypeOf<InvoiceLineItem>();
    expectTypeOf<NonNullable<Shipment["OrderLevel"]>[number]>().toEqualTypeOf<ShipmentOrderLevel>();
    expectTypeOf<NonNullable<ShipmentPackLevel["ItemLevel"]>[number]>().toEqualTypeOf<ShipmentItemLevel>();
    expectTypeOf<NonNullable<ShipmentItemLevel["ShipmentLine"]>["ShipQty"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RsxMeta["IsDropShip"]>().toEqualTypeOf<boolean | undefined>();
  });
});
