import { acmeMappings, bytesOf, changeFileNameOf, make850, make860, withSupplyPartner } from "@ml-connector/sandbox";
import type { Reason } from "@ml-connector/state";
import { describe, expect, it } from "vitest";
import { useOutboundSystems } from "../outbound/support/over-http.js";

// The header of an 860 over real HTTP: what the 850 maps into the X3 order (order date, requested date, ship-to,
// department's cost centre, currency) is applied by the change; everything else is a warning on the 860's audit
// record, never dropped without a word.

const start = useOutboundSystems();

const mappings = {
  ...acmeMappings,
  costCentres: [...acmeMappings.costCentres, { partnerId: "ACME", department: "042", dimensions: { CCT: "HOME" } }],
};

type Header = Record<string, unknown> & { OrderHeader: Record<string, unknown> };

/** An 860 of PO `po` with only header changes, `edit` adding to the header the sample builds. */
function headerChange(po: string, sequence: string, edit: (header: Header) => void) {
  const change = make860({ po, sequence, requestedDate: "2026-12-15", shipTo: "0001" });
  edit(change.Header as Header);
  return bytesOf(change);
}

describe("860 header changes (Sage X3 and SPS sandboxes over HTTP)", () => {
  it("applies order date, requested date, ship-to and department to the X3 order; every other header change is an audit warning", async () => {
    const s = await start({ mappings });
    const po = "4001";
    const [key = ""] = await s.receive({ po });
    expect(s.x3.data.get("SORDER", key)).toMatchObject({
      ORDDAT: "2026-11-20",
      DEMDLVDAT: "2026-12-01",
      BPAADD: "ST042",
      DIE: ["CCT"],
      CCE: ["RETAIL"],
    });

    s.sps.mailbox.putOutbound(
      changeFileNameOf({ po }),
      headerChange(po, "1", (header) => {
        Object.assign(header.OrderHeader, {
          PurchaseOrderDate: "2026-11-21",
          Department: "042",
          Vendor: "0009999",
          JobNumber: "J-7",
        });
        (header.Dates as unknown[]).push({ DateTimeQualifier: "001", Date: "2026-12-31" });
        (header.Address as unknown[]).push({ AddressTypeCode: "BT", AddressName: "Acme accounts payable" });
        Object.assign(header, {
          PaymentTerms: [{ TermsDescription: "Net 45", TermsNetDueDays: 45 }],
          Contacts: [{ ContactTypeCode: "BD", ContactName: "Pat Buyer" }],
          FOBRelatedInstruction: [{ FOBPayCode: "CC" }],
          CarrierInformation: [{ CarrierRouting: "UPS Ground" }],
          References: [{ ReferenceQual: "CT", ReferenceID: "C-77" }],
          Notes: [{ NoteCode: "GEN", Note: "Deliver to dock 4" }],
        });
      }),
    );
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    const order = s.x3.data.get("SORDER", key);
    expect(order).toMatchObject({
      ORDDAT: "2026-11-21",
      DEMDLVDAT: "2026-12-15",
      BPAADD: "DC01",
      CUR: "USD",
      DIE: ["CCT"],
      CCE: ["HOME"],
    });
    expect(((order?.SOHSOP ?? []) as { DEMDLVDAT: string }[]).map((line) => line.DEMDLVDAT)).toEqual([
      "2026-12-15",
      "2026-12-15",
    ]);

    const [change] = (await s.connector.audit.findDocuments({ type: "860", poNumber: po })).items;
    expect(change?.status).toBe("updated");
    const warnings = (change?.metadata?.warnings ?? []) as unknown as Reason[];
    const notApplied = warnings.filter((warning) => warning.code === "change_not_applied");
    expect(notApplied.map((warning) => warning.path).sort()).toEqual([
      "Header.Address[1]",
      "Header.CarrierInformation",
      "Header.Contacts",
      "Header.Dates[1]",
      "Header.FOBRelatedInstruction",
      "Header.Notes",
      "Header.OrderHeader.JobNumber",
      "Header.OrderHeader.Vendor",
      "Header.PaymentTerms",
      "Header.References",
    ]);
    const about = (path: string) => notApplied.find((warning) => warning.path === path)?.message;
    expect(about("Header.OrderHeader.Vendor")).toBe(
      'Vendor changed to "0009999": not applied to the Sage X3 order (no X3 field is mapped from it); kept on the order as changed, which the 855 echoes.',
    );
    expect(about("Header.Dates[1]")).toContain("Date 001 (2026-12-31): not applied to the Sage X3 order");
    expect(about("Header.Notes")).toBe(
      "1 Notes entry changed or added: not applied (no X3 field is mapped from Notes, and the 855 does not echo it).",
    );

    // What the 855 echoes follows the change, though X3 does not hold it.
    s.x3.data.allocate(key);
    s.tick();
    expect((await s.connector.runOnce("acks-out")).outcomes).toEqual({ posted: 1 });
    const ack = s.inbound().find((file) => file.name.startsWith(`PR${key}-`));
    const header = (JSON.parse(ack?.text ?? "{}") as { Header: Header }).Header;
    expect(header.OrderHeader.Vendor).toBe("0009999");
    expect(header.Dates).toEqual([
      { DateTimeQualifier: "002", Date: "2026-12-15" },
      { DateTimeQualifier: "001", Date: "2026-12-31" },
    ]);

    // The same values sent again change nothing and warn about nothing.
    s.sps.mailbox.putOutbound(
      changeFileNameOf({ po }, "2"),
      headerChange(po, "2", (header) => {
        Object.assign(header.OrderHeader, { PurchaseOrderDate: "2026-11-21", Department: "042", Vendor: "0009999" });
      }),
    );
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    const second = (await s.connector.audit.findDocuments({ type: "860", poNumber: po })).items.find(
      (document) => document.id !== change?.id,
    );
    expect(((second?.metadata?.warnings ?? []) as unknown as Reason[]).map((warning) => warning.code)).toEqual([]);
  });

  it("a buy-side partner's 860: order date to the PORDER, requested date and ship-to to its lines; a new currency refused", async () => {
    const s = await start({ mappings: withSupplyPartner(mappings) });
    const po = "B-4003";
    s.sps.mailbox.putOutbound(`PO${po}-v7.7-BulkImport.json`, bytesOf(make850({ partnerId: "SUPPLY", po })));
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    const purchaseOrder = () => s.x3.data.list("PORDER")[0];
    const lines = () =>
      ((purchaseOrder()?.POHPOP ?? []) as { EXTRCPDAT: string; PRHFCY: string }[]).map((line) => [
        line.EXTRCPDAT,
        line.PRHFCY,
      ]);
    expect(purchaseOrder()).toMatchObject({ ORDDAT: "2026-11-20", CUR: "USD" });

    const change = make860({ partnerId: "SUPPLY", po, sequence: "1", requestedDate: "2026-12-15", shipTo: "0001" });
    Object.assign((change.Header as Header).OrderHeader, { PurchaseOrderDate: "2026-11-21" });
    s.sps.mailbox.putOutbound(changeFileNameOf({ po }), bytesOf(change));
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ updated: 1 });
    expect(purchaseOrder()).toMatchObject({ ORDDAT: "2026-11-21", CUR: "USD" });
    expect(lines()).toEqual([
      ["2026-12-15", "US01"],
      ["2026-12-15", "US01"],
    ]);

    const other = make860({ partnerId: "SUPPLY", po, sequence: "2" });
    Object.assign((other.Header as Header).OrderHeader, { BuyersCurrency: "CAD" });
    s.sps.mailbox.putOutbound(changeFileNameOf({ po }, "2"), bytesOf(other));
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    expect(purchaseOrder()).toMatchObject({ ORDDAT: "2026-11-21", CUR: "USD" });
  });

  it("an 860 that changes the currency is refused before anything is sent: X3 sets an order's currency only at creation", async () => {
    const s = await start({ mappings });
    const po = "4002";
    const [key = ""] = await s.receive({ po });
    const before = s.x3.data.get("SORDER", key);

    const change = make860({ po, sequence: "1", lines: [{ line: "1", change: "QI", qty: 30 }] });
    Object.assign((change.Header as Header).OrderHeader, { BuyersCurrency: "CAD" });
    s.sps.mailbox.putOutbound(changeFileNameOf({ po }), bytesOf(change));
    s.tick();
    expect((await s.connector.runOnce("orders-in")).outcomes).toEqual({ rejected: 1 });
    expect(s.x3.data.get("SORDER", key)).toEqual(before);
    const [document] = (await s.connector.audit.findDocuments({ type: "860", poNumber: po })).items;
    expect(document?.reasons.map((reason) => [reason.path, reason.code])).toEqual([
      ["", "currency_change"],
      ["x3.CUR", "x3_field"],
    ]);
    expect(document?.reasons[0]?.message).toBe(
      `SORDER ${key}: the change moves the order from USD to CAD, and Sage X3 sets an order's currency only when it creates the order; nothing was changed.`,
    );
  });
});
