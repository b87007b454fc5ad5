import { describe, expect, it } from "vitest";
import { acknowledgementTypeFor, buildOrderAck, commonRules, RsxBuildError, validateRsx } from "../../src/index.js";
import { orderFixture } from "../helpers/fixtures.js";

const { order } = orderFixture("BulkImport");

describe("buildOrderAck", () => {
  it("echoes header, parties and lines, and adds one entry per decision (a split line has several)", () => {
    const ack = buildOrderAck(
      order,
      [
        { line: "2", status: "IQ", quantity: 8, date: "2026-03-10" },
        { line: "2", status: "IB", quantity: 4, date: "2026-03-24", dateQualifier: "017" },
        { line: 2, status: "IP", unitPrice: 99.5 },
      ],
      { acknowledgementDate: "2026-03-03", acknowledgementNumber: "SO-1", acknowledgementTime: "10:00:00" },
    );
    const header = ack.Header.OrderHeader;
    expect(header).toMatchObject({
      TradingPartnerId: "ACMALLRETAIL01",
      PurchaseOrderNumber: "4500012345",
      PurchaseOrderDate: "2026-03-02",
      Vendor: "0004521",
      Department: "026",
      TsetPurposeCode: "00",
      AcknowledgementType: "AC",
      AcknowledgementDate: "2026-03-03",
      AcknowledgementTime: "10:00:00",
      AcknowledgementNumber: "SO-1",
    });
    expect(ack.Header.Address).toEqual(order.Header.Address);
    expect(ack.LineItem).toHaveLength(4);
    expect(ack.LineItem?.[1]?.OrderLine).toEqual(order.LineItem?.[1]?.OrderLine);
    expect(ack.LineItem?.[1]?.LineItemAcknowledgement).toEqual([
      expect.objectContaining({
        ItemStatusCode: "IQ",
        ItemScheduleQty: 8,
        ItemScheduleUOM: "EA",
        ItemScheduleQualifier: "068",
        ItemScheduleDate: "2026-03-10",
        BuyerPartNumber: "ACM-100235",
      }),
      expect.objectContaining({
        ItemStatusCode: "IB",
        ItemScheduleQty: 4,
        ItemScheduleQualifier: "017",
        ItemScheduleDate: "2026-03-24",
      }),
    ]);
    expect(ack.LineItem?.[2]?.LineItemAcknowledgement?.[0]).toMatchObject({
      ItemStatusCode: "IP",
      ItemScheduleQty: 6,
      PurchasePrice: 99.5,
    });
    // Unlisted lines are accepted as ordered.
    expect(ack.LineItem?.[0]?.LineItemAcknowledgement).toEqual([
      expect.objectContaining({ ItemStatusCode: "IA", ItemScheduleQty: 24 }),
    ]);
    expect(ack.Summary).toEqual({ TotalAmount: 1534.32, TotalLineItemNumber: 4 });
    expect(validateRsx("OrderAck", ack, { rules: commonRules, related: { order } }).ok).toBe(true);
  });

  it("derives AD, RD and AC", () => {
    expect(buildOrderAck(order, [], { acknowledgementDate: "2026-03-03" }).Header.OrderHeader.AcknowledgementType).toBe(
      "AD",
    );
    expect(
      buildOrderAck(order, [], { acknowledgementDate: "2026-03-03", unlisted: "reject" }).Header.OrderHeader
        .AcknowledgementType,
    ).toBe("RD");
    expect(
      buildOrderAck(order, [{ line: 0, status: "IR" }], { acknowledgementDate: "2026-03-03" }).Header.OrderHeader
        .AcknowledgementType,
    ).toBe("AC");
    expect(acknowledgementTypeFor(["IA", "IA"])).toBe("AD");
    expect(acknowledgementTypeFor(["IR", "R2"])).toBe("RD");
    expect(acknowledgementTypeFor(["IA", "IB"])).toBe("AC");
  });

  it("refuses decisions that contradict the 850", () => {
    const date = { acknowledgementDate: "2026-03-03" };
    expect(() => buildOrderAck(order, [{ line: "9", status: "IA" }], date)).toThrow(RsxBuildError);
    expect(() => buildOrderAck(order, [{ line: 7, status: "IA" }], date)).toThrow(/index 7/);
    expect(() => buildOrderAck(order, [{ line: "1", status: "IA", quantity: 0 }], date)).toThrow(/greater than 0/);
    expect(() => buildOrderAck(order, [{ line: "1", status: "IA", quantity: 20 }], date)).toThrow(/use IQ/);
    expect(() => buildOrderAck(order, [{ line: "1", status: "IA" }], { ...date, unlisted: "error" })).toThrow(
      /No decision/,
    );
  });

  it("validates for every fixture with commonRules", () => {
    for (const model of ["BulkImport", "CrossDock", "DropShip", "MultiStore"]) {
      const fixture = orderFixture(model).order;
      const ack = buildOrderAck(fixture, [], { acknowledgementDate: "2026-03-03" });
      const result = validateRsx("OrderAck", ack, { rules: commonRules, related: { order: fixture } });
      expect(result.ok ? [] : result.issues, model).toEqual([]);
    }
  });
});
