import type { z } from "zod";
import {
  type Customer,
  customerSchema,
  type Delivery,
  type Dimension,
  deliverySchema,
  dimensionSchema,
  type Invoice,
  invoiceSchema,
  type Product,
  type PurchaseOrder,
  productSchema,
  purchaseOrderSchema,
  type SalesOrder,
  type Supplier,
  salesOrderSchema,
  supplierSchema,
} from "./schemas.js";

/** The record type of each class the SDK knows. */
export interface SageX3Records {
  SORDER: SalesOrder;
  SDELIVERY: Delivery;
  SINVOICE: Invoice;
  PORDER: PurchaseOrder;
  BPCUSTOMER: Customer;
  BPSUPPLIER: Supplier;
  ITMMASTER: Product;
  CACCE: Dimension;
}

/** The classes the SDK knows, by their standard names (an installation may rename them: see `classes` option). */
export type SageX3Class = keyof SageX3Records;

export type RecordOf<C extends SageX3Class> = SageX3Records[C];

/** Properties of a class that a where clause or an orderBy may name (scalar header fields). */
export type FieldOf<C extends SageX3Class> = {
  [K in Extract<keyof RecordOf<C>, string>]: NonNullable<RecordOf<C>[K]> extends readonly unknown[] ? never : K;
}[Extract<keyof RecordOf<C>, string>];

export interface ClassDefinition {
  keyFields: readonly string[];
  schema: z.ZodType<Record<string, unknown>>;
}

export const classDefinitions: Record<SageX3Class, ClassDefinition> = {
  SORDER: { keyFields: ["SOHNUM"], schema: salesOrderSchema },
  SDELIVERY: { keyFields: ["SDHNUM"], schema: deliverySchema },
  SINVOICE: { keyFields: ["NUM"], schema: invoiceSchema },
  PORDER: { keyFields: ["POHNUM"], schema: purchaseOrderSchema },
  BPCUSTOMER: { keyFields: ["BPCNUM"], schema: customerSchema },
  BPSUPPLIER: { keyFields: ["BPSNUM"], schema: supplierSchema },
  ITMMASTER: { keyFields: ["ITMREF"], schema: productSchema },
  CACCE: { keyFields: ["DIE", "CCE"], schema: dimensionSchema },
};

export const sageX3Classes = Object.keys(classDefinitions) as SageX3Class[];

/** Where an installation keeps a class: its class name and representation name (both default to the standard name). */
export interface ClassMapping {
  class?: string;
  representation?: string;
}

export type ClassMappings = Partial<Record<SageX3Class, ClassMapping>>;
