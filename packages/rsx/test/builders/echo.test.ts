import { describe, expect, it } from "vitest";
import { echoInto } from "../../src/builders/echo.js";
import { addressSchema, productOrItemDescriptionSchema } from "../../src/index.js";

describe("echoInto", () => {
  it("keeps what the target schema defines, drops list entries left empty, and copies", () => {
    const descriptions = [
      { ProductCharacteristicCode: "08", ProductDescription: "Widget", Unknown: "x" },
      { Unknown: "only this" },
      null,
      { ProductDescription: "Gadget" },
    ];
    const echoed = echoInto(productOrItemDescriptionSchema.array(), descriptions);
    expect(echoed).toEqual([
      { ProductCharacteristicCode: "08", ProductDescription: "Widget" },
      { ProductDescription: "Gadget" },
    ]);
    expect(echoed?.[0]).not.toBe(descriptions[0]);
    expect(echoInto(productOrItemDescriptionSchema.array(), [{ Unknown: 1 }])).toBeUndefined();
    expect(echoInto(addressSchema, { AddressTypeCode: "ST", Other: 1 })).toEqual({ AddressTypeCode: "ST" });
  });
});
