import { describe, expect, expectTypeOf, it } from "vitest";
import type { Invoice, Order, OrderAck, RsxIssue, Shipment } from "../src/index.js";
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
      // 997 functional acknowledgments
      "parseFunctionalAck",
      "serializeFunctionalAck",
      "functionalAckResults",
      "functionalAckSchema",
      "functionalAckFileName",
      "isFunctionalAckFileName",
      "looksLikeFunctionalAck",
      "controlNumberFor",
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

  it("types: parse results narrow by type, builders return typed documents", () => {
    const result = rsx.parseRsx('{"Header":{"OrderHeader":{"TradingPartnerId":"T","PurchaseOrderNumber":"1"}}}');
    if (result.ok && result.type === "Order") expectTypeOf(result.document).toEqualTypeOf<Order>();
    if (result.ok && result.type === "Shipment") expectTypeOf(result.document).toEqualTypeOf<Shipment>();
    if (!result.ok) expectTypeOf(result.issues).toEqualTypeOf<readonly RsxIssue[]>();
    expectTypeOf(rsx.buildOrderAck).returns.toEqualTypeOf<OrderAck>();
    expectTypeOf(rsx.buildShipment).returns.toEqualTypeOf<Shipment>();
    expectTypeOf(rsx.buildInvoice).returns.toEqualTypeOf<Invoice>();
    const checked = rsx.validateRsx("Invoice", {});
    if (checked.ok) expectTypeOf(checked.document).toEqualTypeOf<Invoice>();
    expect(result.ok).toBe(true);
  });
});
