import { describe, expect, it } from "vitest";
import * as rsx from "../src/index.js";

// Guards the public surface: removing or renaming an export by accident fails here.
describe("public surface of @ml-connector/rsx", () => {
  it("exports the API named in the issue", () => {
    for (const name of [
      "parseRsx",
      "serializeRsx",
      "validateRsx",
      "defineRuleSet",
      "commonRules",
      "select",
      "rsxFileName",
      "parseRsxFileName",
      "rsxFilePrefixes",
      "withMeta",
      "readMeta",
      "nextControlNumber",
      "buildOrderAck",
      "buildShipment",
      "buildInvoice",
      "acknowledgementTypeFor",
      "RsxBuildError",
      "sscc18",
      "gs1CheckDigit",
      "hasValidGs1CheckDigit",
      "isValidGtin",
      "isValidSscc",
      "RSX_NAMESPACE",
      "DEFAULT_MAX_BYTES",
      // schemas and code lists, re-exported
      "orderSchema",
      "orderAckSchema",
      "shipmentSchema",
      "invoiceSchema",
      "orderChangeSchema",
      "rsxDocumentSchemas",
      "rsxDocumentTypes",
      "metaSchema",
      "rsxDate",
      "rsxTime",
      "defineCodeList",
      "TsetPurposeCode",
      "ItemStatusCode",
      "AcknowledgementType",
    ]) {
      expect(rsx, name).toHaveProperty(name);
    }
    expect(rsx.RSX_NAMESPACE).toBe("http://www.spscommerce.com/RSX");
    expect(rsx.DEFAULT_MAX_BYTES).toBe(10 * 1024 * 1024);
  });
});
