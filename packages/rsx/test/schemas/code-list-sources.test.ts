import { describe, expect, it } from "vitest";
import { itemAttributeQualifierItemRegistries } from "../../src/code-lists/sources/item-attribute-qualifier.js";
import { measurementQualifierItemRegistries } from "../../src/code-lists/sources/measurement-qualifier.js";
import { referenceQualItemRegistries } from "../../src/code-lists/sources/reference-qual.js";
import { regulatoryComplianceQualItemRegistries } from "../../src/code-lists/sources/regulatory-compliance-qual.js";
import {
  type CodeList,
  ItemAttributeQualifier,
  MeasurementQualifier,
  ReferenceQual,
  RegulatoryComplianceQual,
} from "../../src/index.js";

// Each data file in src/code-lists/sources/ is a list as SPS publishes it; the package's list must hold all of it.
const sources: ReadonlyArray<readonly [string, CodeList<string>, Readonly<Record<string, string>>]> = [
  ["ItemAttributeQualifier", ItemAttributeQualifier, itemAttributeQualifierItemRegistries],
  ["MeasurementQualifier", MeasurementQualifier, measurementQualifierItemRegistries],
  ["ReferenceQual", ReferenceQual, referenceQualItemRegistries],
  ["RegulatoryComplianceQual", RegulatoryComplianceQual, regulatoryComplianceQualItemRegistries],
];

describe("code lists contain SPS's published lists", () => {
  for (const [name, list, source] of sources) {
    it(`${name} holds every code of SPS's list, with its description, and the schema accepts each`, () => {
      const missing = Object.keys(source).filter((code) => !list.has(code));
      expect(missing).toEqual([]);
      for (const [code, description] of Object.entries(source)) {
        expect(list.describe(code)).toBe(description);
        expect(list.schema.safeParse(code).success).toBe(true);
      }
    });
  }

  it("includes codes the 7.7.7 OrderAcks and Invoices schemas lack (CASN, NIST, ACVA, ALRG)", () => {
    expect([ReferenceQual.has("CASN"), RegulatoryComplianceQual.has("NIST"), MeasurementQualifier.has("ACVA")]).toEqual(
      [true, true, true],
    );
    expect(ItemAttributeQualifier.has("ALRG")).toBe(true);
  });
});
