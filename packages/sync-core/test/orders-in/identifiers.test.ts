import { describe, expect, it } from "vitest";
import { identifierReasons } from "../../src/flows/orders-in/identifiers.js";

describe("identifierReasons", () => {
  it("finds nothing wrong with usual identifiers, and counts characters, not UTF-16 units", () => {
    expect(identifierReasons({ partnerId: "ACME", po: "PO-1" })).toEqual([]);
    // 22 characters of two UTF-16 units each: at the limit.
    expect(identifierReasons({ partnerId: "ACME", po: "😀".repeat(22) })).toEqual([]);
    expect(identifierReasons({ partnerId: "é".repeat(15), po: "1" })).toEqual([]);
  });

  it("says what is wrong with each identifier, the PO number first", () => {
    const reasons = identifierReasons({ partnerId: " ACME", po: "😀".repeat(23) });
    expect(reasons.map((reason) => [reason.path, reason.code])).toEqual([
      ["Header.OrderHeader.PurchaseOrderNumber", "invalid_identifier"],
      ["Header.OrderHeader.TradingPartnerId", "invalid_identifier"],
    ]);
    expect(reasons[0]?.message).toMatch(/^PurchaseOrderNumber is 23 characters long; at most 22 are allowed/);
    expect(reasons[1]?.message).toMatch(/^TradingPartnerId starts or ends with spaces/);
    expect(identifierReasons({ partnerId: "A".repeat(16), po: "" }).map((reason) => reason.message)).toEqual([
      "PurchaseOrderNumber is empty: an order needs one to be told apart.",
      `TradingPartnerId is 16 characters long; at most 15 are allowed (${"A".repeat(16)}).`,
    ]);
    expect(identifierReasons({ partnerId: "ACME", po: "1\u0000" })[0]?.message).toBe(
      "PurchaseOrderNumber holds a control character (1\\u0000).",
    );
    expect(identifierReasons({ partnerId: "ACME", po: "\ud800" })[0]?.message).toBe(
      "PurchaseOrderNumber holds a lone surrogate (\\ud800): not valid text.",
    );
  });
});
