import { describe, expect, test } from "vitest";
import {
  addressSchema,
  carrierInformationAddressSchema,
  carrierInformationSchema,
  invoiceCarrierInformationSchema,
  metaSchema,
} from "../../src/schemas/index.js";

describe("shared groups and their per-document differences", () => {
  const contacts = [{ ContactTypeCode: "BD", ContactName: "Jane Buyer" }];

  test("an Address carries contacts, the Address inside CarrierInformation does not", () => {
    expect(addressSchema.safeParse({ AddressTypeCode: "ST", Contacts: contacts }).success).toBe(true);
    const inCarrier = carrierInformationSchema.safeParse({ Address: [{ AddressTypeCode: "ST", Contacts: contacts }] });
    expect(inCarrier.error?.issues.map((issue) => issue.path.join("."))).toEqual(["Address.0"]);
    expect(carrierInformationAddressSchema.safeParse({ AddressName: "Terminal 4", Dates: [] }).success).toBe(true);
  });

  test("the 810 spells TransitTimeQualifier where the other documents say TransitTimeQual", () => {
    expect(carrierInformationSchema.safeParse({ TransitTimeQual: "CD" }).success).toBe(true);
    expect(invoiceCarrierInformationSchema.safeParse({ TransitTimeQualifier: "CD" }).success).toBe(true);
    expect(invoiceCarrierInformationSchema.safeParse({ TransitTimeQual: "CD" }).success).toBe(false);
  });

  test("Meta is strict and typed", () => {
    expect(
      metaSchema.safeParse({ BatchTotal: 2, IsDropShip: true, InterchangeControlNumber: "000000123" }).success,
    ).toBe(true);
    expect(metaSchema.safeParse({ BatchTotal: "2" }).success).toBe(false);
    expect(metaSchema.safeParse({ Sender: "x" }).success).toBe(false);
  });
});
