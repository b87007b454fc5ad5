import { parseRsx } from "@ml-connector/rsx";
import { bytesOf, make850 } from "@ml-connector/sandbox";
import type { JsonObject } from "@ml-connector/state";
import { describe, expect, it } from "vitest";
import { readOrderAsChanged } from "../../src/flows/orders-in/order-as-changed.js";
import { createMemoryStores } from "../../src/index.js";

/** An 850 as orders-in leaves it once processed: created, its bytes, what its read said in metadata. */
async function stored850(payload: Uint8Array, metadata: JsonObject) {
  const { audit } = createMemoryStores();
  const document = await audit.recordDocument({
    direction: "in",
    type: "850",
    flow: "orders-in",
    partnerId: "ACME",
    naturalKey: "850:ACME:3001",
    poNumber: "3001",
    status: "created",
    fileName: "PO3001-1-v7.7-BulkImport.json",
    metadata,
    payload,
  });
  return { audit, document };
}

/** The 850 with a property the RSX schema does not define on its header. */
function withUnknownProperty() {
  const order = make850({ po: "3001" }) as { Header: { OrderHeader: Record<string, unknown> } };
  order.Header.OrderHeader.InternalRemark = "not RSX";
  return bytesOf(order);
}

describe("reading a stored 850 back (what the outbound flows answer)", () => {
  it("one read without warnings when received comes back as the checked read gave it", async () => {
    const payload = bytesOf(make850({ po: "3001" }));
    const { audit, document } = await stored850(payload, { rsxVersion: "7.7" });
    const read = await readOrderAsChanged(audit, document);
    const checked = parseRsx(payload, { type: "Order", lenient: true });
    if (!read.ok || !checked.ok) throw new Error("both reads must succeed");
    expect(read.order).toEqual(checked.document);
  });

  it("one read with warnings is checked again: an unknown property left out then is left out now", async () => {
    const warnings = [{ path: "Header.OrderHeader.InternalRemark", code: "unknown_property", message: "left out" }];
    const { audit, document } = await stored850(withUnknownProperty(), { rsxVersion: "7.7", warnings });
    const read = await readOrderAsChanged(audit, document);
    if (!read.ok) throw new Error(read.message);
    expect(read.order.Header.OrderHeader).not.toHaveProperty("InternalRemark");
    expect(read.order.Header.OrderHeader.PurchaseOrderNumber).toBe("3001");
  });

  it("one read without warnings is not checked a second time (its bytes are taken as the check left them)", async () => {
    // Bytes that would draw a warning, stored as if their read had none: they come back as they are.
    const { audit, document } = await stored850(withUnknownProperty(), { rsxVersion: "7.7" });
    const read = await readOrderAsChanged(audit, document);
    if (!read.ok) throw new Error(read.message);
    expect(read.order.Header.OrderHeader).toHaveProperty("InternalRemark", "not RSX");
  });
});
