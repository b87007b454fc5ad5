import { z } from "zod";
import { PurchasePriceBasis, PurchasePriceType, QtyPerUOM } from "../../code-lists/index.js";
import { addressSchema } from "./address.js";
import { chargesAllowancesSchema } from "./charges-allowances.js";
import { datesSchema } from "./dates.js";
import { notesSchema } from "./notes.js";
import { floorReadySchema } from "./packaging.js";
import { physicalDetailsSchema } from "./physical-details.js";
import { priceInformationSchema } from "./price-information.js";
import {
  commoditySchema,
  nrfStandardColorAndSizeSchema,
  productIDSchema,
  productOrItemDescriptionSchema,
} from "./product.js";
import { referencesSchema } from "./references.js";
import { regulatoryCompliancesSchema } from "./regulatory-compliances.js";
import { taxesSchema } from "./taxes.js";

export const sublineItemDetailSchema = z.strictObject({
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
  ProductSizeCode: z.string().optional(),
  ProductSizeDescription: z.string().optional(),
  ProductColorCode: z.string().optional(),
  ProductColorDescription: z.string().optional(),
  ProductMaterialCode: z.string().optional(),
  ProductMaterialDescription: z.string().optional(),
  ProductProcessCode: z.string().optional(),
  ProductProcessDescription: z.string().optional(),
  QtyPer: z.number().optional(),
  QtyPerUOM: QtyPerUOM.schema.optional(),
  PurchasePriceType: PurchasePriceType.schema.optional(),
  PurchasePrice: z.number().optional(),
  PurchasePriceBasis: PurchasePriceBasis.schema.optional(),
  Gender: z.string().optional(),
  NRFStandardColorAndSize: nrfStandardColorAndSizeSchema.optional(),
});
export type { SublineItemDetail } from "../../generated/document-types.js";

export const sublineSchema = z.strictObject({
  SublineItemDetail: sublineItemDetailSchema.optional(),
  Dates: z.array(datesSchema).optional(),
  PriceInformation: z.array(priceInformationSchema).optional(),
  ProductOrItemDescription: z.array(productOrItemDescriptionSchema).optional(),
  PhysicalDetails: z.array(physicalDetailsSchema).optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
  FloorReady: z.array(floorReadySchema).optional(),
  Taxes: z.array(taxesSchema).optional(),
  ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
  Address: z.array(addressSchema).optional(),
  Commodity: z.array(commoditySchema).optional(),
  RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
});
export type { Subline } from "../../generated/document-types.js";

/** SublineItemDetail as the Invoice/Shipment documents carry it: SublineItemDetail without Gender. */
export const shipmentInvoiceSublineItemDetailSchema = sublineItemDetailSchema.omit({ Gender: true });
export type { ShipmentInvoiceSublineItemDetail } from "../../generated/document-types.js";
