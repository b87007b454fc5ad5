import { bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { type Systems, startSystems } from "../support/systems.js";

let systems: Systems | undefined;
afterEach(async () => {
  await systems?.close();
  systems = undefined;
});

// An 850 as a partner still on RSX 7.6 sends it (XML, 7.6 layout: `LineItems` wrapper, a singular `Date` group,
// `PurchaseOrderTypeCode`), carrying two 7.6 fields with no 7.7 home and a well-formed ship-complete code outside its
// list. Same content as `equivalent77` below.
const order76 = `<?xml version="1.0" encoding="UTF-8"?>
<Order>
  <Meta>
    <Version>7.6</Version>
  </Meta>
  <Header>
    <OrderHeader>
      <TradingPartnerId>ACME</TradingPartnerId>
      <PurchaseOrderNumber>PO-V76</PurchaseOrderNumber>
      <TsetPurposeCode>00</TsetPurposeCode>
      <PurchaseOrderTypeCode>SA</PurchaseOrderTypeCode>
      <PurchaseOrderDate>2026-11-20</PurchaseOrderDate>
      <ShipCompleteCode>Z</ShipCompleteCode>
      <BuyersCurrency>USD</BuyersCurrency>
      <Vendor>0004521</Vendor>
      <PromotionDealNumber>SPRING-26</PromotionDealNumber>
    </OrderHeader>
    <Date>
      <DateTimeQualifier1>002</DateTimeQualifier1>
      <Date1>2026-12-01</Date1>
    </Date>
    <Address>
      <AddressTypeCode>ST</AddressTypeCode>
      <LocationCodeQualifier>92</LocationCodeQualifier>
      <AddressLocationNumber>0042</AddressLocationNumber>
      <AddressName>Acme store 42</AddressName>
      <Address1>42 Main St</Address1>
      <City>Chicago</City>
      <State>IL</State>
      <PostalCode>60601</PostalCode>
      <Country>US</Country>
    </Address>
  </Header>
  <LineItems>
    <LineItem>
      <OrderLine>
        <LineSequenceNumber>1</LineSequenceNumber>
        <BuyerPartNumber>B-1001</BuyerPartNumber>
        <VendorPartNumber>WID-001</VendorPartNumber>
        <ConsumerPackageCode>012345678905</ConsumerPackageCode>
        <OrderQty>24</OrderQty>
        <OrderQtyUOM>EA</OrderQtyUOM>
        <PurchasePrice>4.5</PurchasePrice>
      </OrderLine>
    </LineItem>
    <LineItem>
      <OrderLine>
        <LineSequenceNumber>2</LineSequenceNumber>
        <BuyerPartNumber>B-1002</BuyerPartNumber>
        <VendorPartNumber>WID-002</VendorPartNumber>
        <ConsumerPackageCode>012345678912</ConsumerPackageCode>
        <OrderQty>12</OrderQty>
        <OrderQtyUOM>EA</OrderQtyUOM>
        <PurchasePrice>5.25</PurchasePrice>
      </OrderLine>
    </LineItem>
  </LineItems>
  <Summary>
    <TotalLineItemNumber>2</TotalLineItemNumber>
    <TotalQuantity>36</TotalQuantity>
  </Summary>
</Order>
`;

function equivalent77(): Record<string, unknown> {
  const order = make850({ po: "PO-V76" });
  const header = (order.Header as { OrderHeader: Record<string, unknown> }).OrderHeader;
  header.ShipCompleteCode = "Z";
  return order;
}

/**
 * What differs between two X3 writes of the same order: the time stamps of the write (CREDATTIM, UPDDATTIM, on the
 * sandbox's clock) and each line's fresh `$uuid` (AUUID), as in X3.
 */
function withoutWriteStamps(order: Record<string, unknown>): Record<string, unknown> {
  const { CREDATTIM: _created, UPDDATTIM: _updated, ...rest } = order;
  const lines = (order.SOHSOP ?? []) as Record<string, unknown>[];
  return { ...rest, SOHSOP: lines.map(({ AUUID: _uuid, CREDATTIM: _c, UPDDATTIM: _u, ...line }) => line) };
}

/** Runs orders-in once on fresh sandboxes with one file in the mailbox; the X3 orders and the 850's audit record. */
async function receive(fileName: string, bytes: Uint8Array) {
  systems = await startSystems();
  systems.sps.mailbox.putOutbound(fileName, bytes);
  const summary = await systems.connector.runOnce("orders-in");
  const orders = systems.x3.data.list("SORDER");
  const [document] = (await systems.connector.audit.findDocuments({ type: "850" })).items;
  const outbox = systems.sps.mailbox.paths("out");
  await systems.close();
  systems = undefined;
  return { summary, orders, document, outbox };
}

describe("orders-in reads RSX 7.6 850s over real HTTP (SPS and Sage X3 sandboxes)", () => {
  it("a 7.6 XML 850 creates the same X3 order as the equivalent 7.7 850; the audit keeps its version and warnings", async () => {
    const from77 = await receive(fileNameOf({ po: "PO-V76" }), bytesOf(equivalent77()));
    const from76 = await receive("POPO-V76-1-v7.6-BulkImport.xml", new TextEncoder().encode(order76));

    expect(from77.summary.outcomes).toEqual({ created: 1 });
    expect(from76.summary.outcomes).toEqual({ created: 1 });
    expect(from76.outbox).toEqual([]);
    expect(from76.orders).toHaveLength(1);
    expect(from76.orders.map(withoutWriteStamps)).toEqual(from77.orders.map(withoutWriteStamps));
    expect(from76.orders[0]).toMatchObject({ CUSORDREF: "PO-V76", BPCORD: "C0001", DEMDLVDAT: "2026-12-01" });

    expect(from77.document?.metadata?.rsxVersion).toBe("7.7");
    const metadata = from76.document?.metadata ?? {};
    expect(metadata.rsxVersion).toBe("7.6");
    const warnings = (metadata.warnings ?? []) as { path: string; code: string }[];
    expect(warnings.map((warning) => `${warning.code} ${warning.path}`).sort()).toEqual([
      "legacy_field Header.OrderHeader.PromotionDealNumber",
      "legacy_field Summary.TotalQuantity",
      "unknown_code Header.OrderHeader.ShipCompleteCode",
    ]);
    // Legacy values are kept as read (XML text).
    expect(metadata.legacy).toEqual({
      "Header.OrderHeader.PromotionDealNumber": "SPRING-26",
      "Summary.TotalQuantity": "36",
    });
    // The 7.7 850 carries the same unknown code, and nothing else to warn about.
    const warnings77 = (from77.document?.metadata?.warnings ?? []) as { code: string }[];
    expect(warnings77.map((warning) => warning.code)).toEqual(["unknown_code"]);
  });
});
