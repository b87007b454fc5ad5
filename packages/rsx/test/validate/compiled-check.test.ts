import { describe, expect, it } from "vitest";
import { type Order, orderSchema, validateRsx } from "../../src/index.js";
import { toRsxIssues } from "../../src/validate/zod-issues.js";
import { loadOrderFixtures } from "../helpers/fixtures.js";

/** Broken 850s the compiled check must reject, each wrong in a different place (lines, header, the top level). */
const breakages: Record<string, (order: Order) => void> = {
  "a line quantity that is text": (order) => {
    const line = order.LineItem?.[0]?.OrderLine as Record<string, unknown> | undefined;
    if (line) line.OrderQty = "ten";
  },
  "an unknown header property": (order) => {
    (order.Header.OrderHeader as Record<string, unknown>).Colour = "red";
  },
  "the order header missing": (order) => {
    delete (order.Header as Partial<Order["Header"]>).OrderHeader;
  },
  "a date that is not a calendar date": (order) => {
    order.Header.OrderHeader.PurchaseOrderDate = "2026-02-30";
  },
};

describe("the compiled check and the runtime parser", () => {
  it("agree on every 850 fixture, and on each of them broken", () => {
    const fixtures = loadOrderFixtures();
    expect(fixtures.length).toBeGreaterThan(0);
    for (const { fileName, order } of fixtures) {
      expect(validateRsx("Order", order).ok, fileName).toBe(true);
      for (const [name, breakIt] of Object.entries(breakages)) {
        const broken = structuredClone(order);
        breakIt(broken);
        const runtime = orderSchema.safeParse(broken);
        expect(runtime.success, `${fileName}: ${name}`).toBe(false);
        const result = validateRsx("Order", broken, { codes: "strict" });
        expect(result.ok, `${fileName}: ${name}`).toBe(false);
        // The issues are the runtime parser's.
        expect(result.ok ? [] : result.issues, `${fileName}: ${name}`).toEqual(
          toRsxIssues(runtime.error?.issues ?? [], broken, orderSchema),
        );
      }
    }
  });
});
