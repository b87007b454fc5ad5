import type { Order } from "../../src/schemas/index.js";

/** The smallest 850 SPS's schema accepts: a trading partner and a PO number. */
export const minimalOrder: Order = {
  Header: {
    OrderHeader: { TradingPartnerId: "ACMERETAIL01", PurchaseOrderNumber: "PO-584615" },
  },
};

/** A realistic bulk-import 850 with parties, dates, terms, charges and two lines. */
export const fullOrder: Order = {
  Meta: { SenderUniqueID: "SPS-RETAIL-1", ReceiverUniqueID: "ML-SUPPLIER", Version: "7.7", IsDropShip: false },
  Header: {
    OrderHeader: {
      TradingPartnerId: "ACMERETAIL01",
      PurchaseOrderNumber: "PO-584615",
      TsetPurposeCode: "00",
      PrimaryPOTypeCode: "SA",
      PurchaseOrderDate: "2026-11-20",
      PurchaseOrderTime: "09:15:00-05:00",
      AcknowledgementType: "NA",
      Department: "042",
      Vendor: "V-7781",
      BuyersCurrency: "USD",
    },
    PaymentTerms: [{ TermsType: "08", TermsBasisDateCode: "3", TermsDiscountPercentage: 2, TermsNetDueDays: 30 }],
    Dates: [
      { DateTimeQualifier: "010", Date: "2026-12-01" },
      { DateTimeQualifier: "001", Date: "2026-12-15", Time: "17:00:00" },
    ],
    Contacts: [{ ContactTypeCode: "BD", ContactName: "Jane Buyer", PrimaryEmail: "jane.buyer@acme.example" }],
    Address: [
      {
        AddressTypeCode: "ST",
        LocationCodeQualifier: "92",
        AddressLocationNumber: "0457",
        AddressName: "Acme DC 457",
        Address1: "1200 Industrial Pkwy",
        City: "Columbus",
        State: "OH",
        PostalCode: "43219",
        Country: "USA",
      },
      { AddressTypeCode: "BT", AddressName: "Acme Retail Accounts Payable", City: "Minneapolis", State: "MN" },
    ],
    FOBRelatedInstruction: [{ FOBPayCode: "CC", FOBLocationQualifier: "OR", FOBLocationDescription: "Origin" }],
    CarrierInformation: [{ CarrierTransMethodCode: "M", CarrierRouting: "UPS Freight" }],
    References: [{ ReferenceQual: "VN", ReferenceID: "SO-7781" }],
    Notes: [{ NoteCode: "GEN", Note: "Deliver to dock 4 & call ahead <24h>" }],
    ChargesAllowances: [{ AllowChrgIndicator: "A", AllowChrgCode: "C310", AllowChrgAmt: 25.5 }],
  },
  LineItem: [
    {
      OrderLine: {
        LineSequenceNumber: "1",
        BuyerPartNumber: "BP-100",
        VendorPartNumber: "X3-ITM-100",
        ConsumerPackageCode: "012345678905",
        OrderQty: 24,
        OrderQtyUOM: "EA",
        PurchasePrice: 3.75,
      },
      ProductOrItemDescription: [{ ProductCharacteristicCode: "08", ProductDescription: "Widget, blue" }],
      Dates: [{ DateTimeQualifier: "002", Date: "2026-12-01" }],
    },
    {
      OrderLine: {
        LineSequenceNumber: "2",
        BuyerPartNumber: "BP-200",
        OrderQty: 2.5,
        OrderQtyUOM: "CA",
        PurchasePrice: 41,
      },
    },
  ],
  Summary: { TotalAmount: 192.5, TotalLineItemNumber: 2 },
};
