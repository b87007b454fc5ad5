// RSX 7.7 document model: zod schemas and inferred types of the 850, 855, 856, 810 and 860, built from the
// segment groups in common/ that several documents share. Every object is strict: unknown properties are errors.
// Key order of each object follows SPS's schemas (serializers may rely on it).

export * from "./common/address.js";
export * from "./common/carrier-information.js";
export * from "./common/charges-allowances.js";
export * from "./common/dates.js";
export * from "./common/fob-related-instruction.js";
export * from "./common/measurements.js";
export * from "./common/meta.js";
export * from "./common/notes.js";
export * from "./common/order-line.js";
export * from "./common/order-terms.js";
export * from "./common/packaging.js";
export * from "./common/payment-terms.js";
export * from "./common/physical-details.js";
export * from "./common/price-information.js";
export * from "./common/product.js";
export * from "./common/quantities.js";
export * from "./common/references.js";
export * from "./common/regulatory-compliances.js";
export * from "./common/subline.js";
export * from "./common/taxes.js";
export * from "./documents.js";
export * from "./invoice.js";
export * from "./order.js";
export * from "./order-ack.js";
export * from "./order-change.js";
export * from "./primitives.js";
export * from "./shipment.js";
