import { type CodeOf, defineCodeList } from "./define.js";

// SPS's 7.7.0 Shipments and OrderChanges schemas give no code list for these elements. These are the X12 codes
// builders and partner rules use; the document schemas do not enforce them (a retailer may use others).

/** 856 BSN05 hierarchical structure: the order of the levels in a ship notice. */
export const ASNStructureCode = defineCodeList({
  "0001": "Shipment, Order, Packaging, Item",
  "0002": "Shipment, Order, Item, Packaging",
  "0004": "Shipment, Order, Item",
});
export type ASNStructureCode = CodeOf<typeof ASNStructureCode>;

/** 860 POC02 line change type (X12 element 670). */
export const LineChangeCode = defineCodeList({
  AI: "Add Additional Item(s)",
  CA: "Changes To Line Items",
  CT: "Change of Dates",
  DI: "Delete Item(s)",
  NC: "Concurrent Item (No Change)",
  PC: "Price Change",
  PQ: "Unit Price/Quantity Change",
  QD: "Quantity Decrease",
  QI: "Quantity Increase",
  RQ: "Reschedule/Quantity Change",
  RS: "Reschedule",
});
export type LineChangeCode = CodeOf<typeof LineChangeCode>;
