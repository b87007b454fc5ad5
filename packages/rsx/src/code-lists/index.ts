// RSX 7.7 code lists. Each list: `codes`, `descriptions`, `describe(code)`, `has(code)` and a zod `schema`.
// Lists are named after the RSX element that uses them; elements sharing the same codes alias one list
// (OrderQtyUOM, ShipQtyUOM... are UnitOfMeasure). Codes and descriptions come from SPS's 7.7.7 OrderAcks/Invoices
// schemas; where SPS's 7.7.7 ItemRegistries schema lists more codes for the same element, its list is kept as data in
// sources/.

export * from "./carrier.js";
export * from "./charges-taxes.js";
export * from "./dates-references-notes.js";
export { type CodeList, type CodeOf, defineCodeList } from "./define.js";
export * from "./items.js";
export * from "./packaging-measurements.js";
export * from "./parties.js";
export * from "./terms.js";
export * from "./transaction.js";
export * from "./units-of-measure.js";
export * from "./x12-supplements.js";
