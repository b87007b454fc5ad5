import type { SageX3Client } from "@ml-connector/sage-x3-client";
import type { X3OrderDraft, X3OrderGateway, X3OrderRef } from "../flows/orders-in/x3-order-gateway.js";

/** Sales order lines as api1 takes them (SOHSOP), from the mapped draft. */
function salesOrderLines(draft: X3OrderDraft) {
  return draft.lines.map((line) => ({
    ITMREF: line.itemRef,
    QTY: line.quantity,
    SAU: line.unit,
    ...(line.unitPrice === undefined ? {} : { GROPRI: line.unitPrice }),
    ...(line.buyerPartNumber ? { ITMREFBPC: line.buyerPartNumber } : {}),
  }));
}

function purchaseOrderLines(draft: X3OrderDraft) {
  return draft.lines.map((line) => ({
    ITMREF: line.itemRef,
    QTYUOM: line.quantity,
    UOM: line.unit,
    ...(line.unitPrice === undefined ? {} : { GROPRI: line.unitPrice }),
  }));
}

/** Analytical dimensions as X3 keeps them: parallel DIE/CCE arrays. */
function dimensionFields(draft: X3OrderDraft) {
  const entries = Object.entries(draft.dimensions ?? {});
  return entries.length === 0 ? {} : { DIE: entries.map(([type]) => type), CCE: entries.map(([, value]) => value) };
}

function salesOrderHeader(draft: X3OrderDraft) {
  return {
    BPCORD: draft.partyCode,
    SALFCY: draft.site,
    SOHTYP: draft.orderType,
    CUR: draft.currency,
    CUSORDREF: draft.reference,
    ...(draft.orderDate ? { ORDDAT: draft.orderDate } : {}),
    ...(draft.requestedDeliveryDate ? { DEMDLVDAT: draft.requestedDeliveryDate } : {}),
    ...(draft.shipToAddressCode ? { BPAADD: draft.shipToAddressCode } : {}),
    ...dimensionFields(draft),
  };
}

function purchaseOrderHeader(draft: X3OrderDraft) {
  return {
    BPSNUM: draft.partyCode,
    POHFCY: draft.site,
    POHTYP: draft.orderType,
    CUR: draft.currency,
    ORDREF: draft.reference,
    ...(draft.orderDate ? { ORDDAT: draft.orderDate } : {}),
    ...dimensionFields(draft),
  };
}

/**
 * orders-in's view of Sage X3 over the api1 client: natural-key lookups (BPCORD + CUSORDREF, BPSNUM + ORDREF),
 * creates, whole-order replaces (05) and closes (01: ORDSTA 2 on a sales order, CLEFLG 2 on a purchase order).
 */
export function createSageX3OrderGateway(client: SageX3Client): X3OrderGateway {
  return {
    async find(kind, partyCode, reference) {
      // An empty reference names no order: never match a hand-keyed order that has none.
      if (reference.trim() === "" || partyCode.trim() === "") return undefined;
      if (kind === "purchase") {
        const found = await client.findByNaturalKey("PORDER", { BPSNUM: partyCode, ORDREF: reference });
        return found ? { kind, key: String(found.POHNUM) } : undefined;
      }
      const found = await client.findByNaturalKey("SORDER", { BPCORD: partyCode, CUSORDREF: reference });
      return found ? { kind, key: String(found.SOHNUM) } : undefined;
    },
    async create(draft): Promise<X3OrderRef> {
      if (draft.kind === "purchase") {
        const { key } = await client.create("PORDER", {
          ...purchaseOrderHeader(draft),
          POHPOP: purchaseOrderLines(draft),
        });
        return { kind: "purchase", key };
      }
      const { key } = await client.create("SORDER", { ...salesOrderHeader(draft), SOHSOP: salesOrderLines(draft) });
      return { kind: "sales", key };
    },
    async replace(order, draft) {
      // A 05 carries the whole order: the line collection sent replaces X3's.
      if (order.kind === "purchase") {
        await client.update("PORDER", order.key, { ...purchaseOrderHeader(draft), POHPOP: purchaseOrderLines(draft) });
        return;
      }
      await client.update("SORDER", order.key, { ...salesOrderHeader(draft), SOHSOP: salesOrderLines(draft) });
    },
    async close(order) {
      if (order.kind === "purchase") await client.update("PORDER", order.key, { CLEFLG: 2 });
      else await client.update("SORDER", order.key, { ORDSTA: 2 });
    },
  };
}
