import { z } from "zod";
import { OrderQtyUOM, PurchasePriceBasis, PurchasePriceType } from "../../code-lists/index.js";
import { rsxDate } from "../primitives.js";
import { nrfStandardColorAndSizeSchema, productIDSchema } from "./product.js";

export const orderLineSchema = z.strictObject({
  LineSequenceNumber: z.string().optional(),
  ApplicationId: z.string().optional(),
  BuyerPartNumber: z.string().optional(),
  VendorPartNumber: z.string().optional(),
  ConsumerPackageCode: z.string().optional(),
  EAN: z.string().optional(),
  GTIN: z.string().optional(),
  UPCCaseCode: z.string().optional(),
  NatlDrugCode: z.string().optional(),
  InternationalStandardBookNumber: z.string().optional(),
  ProductID: z.array(productIDSchema).optional(),
  OrderQty: z.number().optional(),
  OrderQtyUOM: OrderQtyUOM.schema.optional(),
  PurchasePriceType: PurchasePriceType.schema.optional(),
  PurchasePrice: z.number().optional(),
  PurchasePriceBasis: PurchasePriceBasis.schema.optional(),
  BuyersCurrency: z.string().optional(),
  SellersCurrency: z.string().optional(),
  ExchangeRate: z.number().optional(),
  ShipDate: rsxDate.optional(),
  ExtendedItemTotal: z.number().optional(),
  ProductSizeCode: z.string().optional(),
  ProductSizeDescription: z.string().optional(),
  ProductColorCode: z.string().optional(),
  ProductColorDescription: z.string().optional(),
  ProductMaterialCode: z.string().optional(),
  ProductMaterialDescription: z.string().optional(),
  ProductProcessCode: z.string().optional(),
  ProductProcessDescription: z.string().optional(),
  Department: z.string().optional(),
  DepartmentDescription: z.string().optional(),
  Class: z.string().optional(),
  Gender: z.string().optional(),
  SellerDateCode: z.string().optional(),
  NRFStandardColorAndSize: nrfStandardColorAndSizeSchema.optional(),
});
export type { OrderLine } from "../../generated/document-types.js";
