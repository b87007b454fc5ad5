import { describe, expect, expectTypeOf, test } from "vitest";
import { type Order, type OrderLineItem, orderSchema } from "../../src/schemas/index.js";
import { fullOrder, minimalOrder } from "./fixtures.js";

function issuePaths(value: unknown): string[] {
  const result = orderSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

describe("orderSchema", () => {
  test("accepts the minimal 850", () => {
    expect(orderSchema.parse(minimalOrder)).toEqual(minimalOrder);
  });

  test("accepts a realistic 850 with parties, dates, terms, charges and lines, unchanged", () => {
    expect(orderSchema.parse(fullOrder)).toEqual(fullOrder);
  });

  test("reports an unknown property as an error at its path", () => {
    const withExtra = structuredClone(fullOrder) as unknown as {
      LineItem: Array<{ OrderLine: Record<string, unknown> }>;
    };
    withExtra.LineItem[1]!.OrderLine.OrderQuantity = 3;
    const result = orderSchema.safeParse(withExtra);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        code: "unrecognized_keys",
        keys: ["OrderQuantity"],
        path: ["LineItem", 1, "OrderLine"],
      }),
    ]);
  });

  test("rejects an unknown top-level property", () => {
    expect(issuePaths({ ...minimalOrder, Orders: [] })).toEqual([""]);
  });

  test("requires PurchaseOrderNumber and TradingPartnerId", () => {
    expect(issuePaths({ Header: { OrderHeader: {} } })).toEqual([
      "Header.OrderHeader.TradingPartnerId",
      "Header.OrderHeader.PurchaseOrderNumber",
    ]);
    expect(issuePaths({})).toEqual(["Header"]);
  });

  test("TradingPartnerId is 1-15 characters", () => {
    const withId = (id: string) => ({ Header: { OrderHeader: { TradingPartnerId: id, PurchaseOrderNumber: "1" } } });
    expect(issuePaths(withId("A".repeat(15)))).toEqual([]);
    expect(issuePaths(withId("A".repeat(16)))).toEqual(["Header.OrderHeader.TradingPartnerId"]);
    expect(issuePaths(withId(""))).toEqual(["Header.OrderHeader.TradingPartnerId"]);
  });

  test("rejects impossible dates and five-digit years where dates are", () => {
    const withDate = (date: string) => ({
      ...minimalOrder,
      Header: { ...minimalOrder.Header, Dates: [{ Date: date }] },
    });
    expect(issuePaths(withDate("2026-02-30"))).toEqual(["Header.Dates.0.Date"]);
    expect(issuePaths(withDate("20260-01-01"))).toEqual(["Header.Dates.0.Date"]);
    expect(issuePaths(withDate("2028-02-29"))).toEqual([]);
  });

  test("codes are checked against their code list", () => {
    const order = structuredClone(fullOrder);
    (order.Header.OrderHeader as { TsetPurposeCode: string }).TsetPurposeCode = "99";
    expect(issuePaths(order)).toEqual(["Header.OrderHeader.TsetPurposeCode"]);
  });

  test("quantities and amounts are JSON numbers, identifiers are strings", () => {
    const order = structuredClone(fullOrder) as unknown as { LineItem: Array<{ OrderLine: Record<string, unknown> }> };
    order.LineItem[0]!.OrderLine.OrderQty = "24";
    order.LineItem[0]!.OrderLine.LineSequenceNumber = 1;
    expect(issuePaths(order)).toEqual(["LineItem.0.OrderLine.LineSequenceNumber", "LineItem.0.OrderLine.OrderQty"]);
  });

  test("repeating groups are arrays", () => {
    expect(issuePaths({ ...fullOrder, LineItem: fullOrder.LineItem?.[0] })).toEqual(["LineItem"]);
  });

  test("types follow the document", () => {
    expectTypeOf<Order["Header"]["OrderHeader"]["PurchaseOrderNumber"]>().toEqualTypeOf<string>();
    expectTypeOf<Order["Header"]["OrderHeader"]["TsetPurposeCode"]>().toEqualTypeOf<
      "00" | "01" | "04" | "05" | "06" | "07" | "20" | "CN" | undefined
    >();
    expectTypeOf<OrderLineItem>().toEqualTypeOf<NonNullable<Order["LineItem"]>[number]>();
    expectTypeOf<NonNullable<OrderLineItem["OrderLine"]>["OrderQty"]>().toEqualTypeOf<number | undefined>();
  });
});
