import { describe, expect, it } from "vitest";
import { nextControlNumber, parseRsx, readMeta, serializeRsx, withMeta } from "../../src/index.js";
import { orderFixture } from "../helpers/fixtures.js";

describe("Meta helpers", () => {
  it("sets sender, receiver and control numbers without touching the original", () => {
    const { order } = orderFixture("DropShip");
    const before = structuredClone(order);
    const updated = withMeta(order, {
      sender: { id: "0004521", name: "Northwind Housewares" },
      receiver: { id: "SPSRETAILER" },
      controlNumbers: { interchange: "000000124", group: "124", document: "0002" },
      IsDropShip: true,
    });
    expect(order).toEqual(before);
    expect(updated.Meta).toMatchObject({
      SenderUniqueID: "0004521",
      SenderCompanyName: "Northwind Housewares",
      ReceiverUniqueID: "SPSRETAILER",
      InterchangeControlNumber: "000000124",
      GroupControlNumber: "124",
      DocumentControlNumber: "0002",
      IsDropShip: true,
      OrderManagement: "DropShip",
    });
    expect(updated.Meta).not.toHaveProperty("ReceiverCompanyName");
    expect(readMeta(updated)).toEqual({
      sender: { id: "0004521", name: "Northwind Housewares" },
      receiver: { id: "SPSRETAILER" },
      controlNumbers: { interchange: "000000124", group: "124", document: "0002" },
    });
  });

  it("is preserved, typed, through JSON and XML", () => {
    const doc = withMeta(orderFixture("BulkImport").order, {
      BatchTotal: 2,
      IsDropShip: false,
      controlNumbers: { interchange: "000000001" },
    });
    for (const format of ["json", "xml"] as const) {
      const parsed = parseRsx(serializeRsx(doc, { type: "Order", format }));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      expect(parsed.document.Meta).toEqual(doc.Meta);
      expect(typeof parsed.document.Meta?.BatchTotal).toBe("number");
      expect(parsed.document.Meta?.IsDropShip).toBe(false);
    }
  });

  it("counts control numbers up with their width", () => {
    expect(nextControlNumber("000000123")).toBe("000000124");
    expect(nextControlNumber(undefined)).toBe("000000001");
    expect(nextControlNumber("999999999")).toBe("000000001");
    expect(nextControlNumber("0042", 4)).toBe("0043");
  });
});
