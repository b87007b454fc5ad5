import { describe, expect, expectTypeOf, test } from "vitest";
import {
  AcknowledgementType,
  AddressTypeCode,
  ASNStructureCode,
  type CodeOf,
  defineCodeList,
  ItemStatusCode,
  LineChangeCode,
  OrderQtyUOM,
  TsetPurposeCode,
  UnitOfMeasure,
} from "../../src/code-lists/index.js";

describe("code lists", () => {
  test("describe returns the meaning of a code, undefined for an unknown code", () => {
    expect(TsetPurposeCode.describe("00")).toBe("Original");
    expect(TsetPurposeCode.describe("05")).toBe("Replace");
    expect(TsetPurposeCode.describe("99")).toBeUndefined();
    expect(TsetPurposeCode.describe("toString")).toBeUndefined();
    expect(AddressTypeCode.describe("ST")).toBe("Ship To");
  });

  test("the 855 line statuses of the design are there", () => {
    for (const code of ["IA", "IQ", "IP", "IB", "IR"]) {
      expect(ItemStatusCode.has(code)).toBe(true);
    }
    expect(ItemStatusCode.describe("IA")).toMatch(/accept/i);
    expect(AcknowledgementType.codes).toContain("AD");
  });

  test("schema accepts exactly the codes", () => {
    expect(TsetPurposeCode.schema.parse("01")).toBe("01");
    expect(TsetPurposeCode.schema.safeParse("1").success).toBe(false);
    expect(TsetPurposeCode.codes).toEqual(Object.keys(TsetPurposeCode.descriptions));
  });

  test("units of measure share one list", () => {
    expect(OrderQtyUOM).toBe(UnitOfMeasure);
    expect(UnitOfMeasure.describe("EA")).toBe("Each");
    expect(UnitOfMeasure.describe("CA")).toBe("Case");
  });

  test("defineCodeList gives typed codes", () => {
    const Color = defineCodeList({ R: "Red", G: "Green" });
    type Color = CodeOf<typeof Color>;
    expectTypeOf<Color>().toEqualTypeOf<"R" | "G">();
    expectTypeOf<TsetPurposeCode>().toEqualTypeOf<"00" | "01" | "04" | "05" | "06" | "07" | "20" | "CN">();
    expect(Color.describe("G")).toBe("Green");
    expect(() => defineCodeList({})).toThrow();
  });
});

describe("supplementary X12 lists", () => {
  test("856 structure and 860 line change codes are described", () => {
    expect(ASNStructureCode.describe("0001")).toBe("Shipment, Order, Packaging, Item");
    expect(LineChangeCode.describe("QI")).toBe("Quantity Increase");
  });
});
