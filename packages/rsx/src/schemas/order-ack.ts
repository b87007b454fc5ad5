// 855 Purchase Order Acknowledgement (RSX "OrderAck"): the 850's header and lines plus LineItemAcknowledgement entries.
import { z } from "zod";
import {
  AcknowledgementType,
  ItemScheduleQualifier,
  ItemScheduleUOM,
  ItemStatusCode,
  PrimaryPOTypeCode,
  PurchasePriceBasis,
  PurchasePriceType,
  ShipCompleteCode,
  TsetPurposeCode,
} from "../code-lists/index.js";
import { addressSchema, contactsSchema } from "./common/address.js";
import { carrierInformationSchema } from "./common/carrier-information.js";
import { chargesAllowancesSchema } from "./common/charges-allowances.js";
import { datesSchema } from "./common/dates.js";
import { fobRelatedInstructionSchema } from "./common/fob-related-instruction.js";
import { measurementsSchema } from "./common/measurements.js";
import { metaSchema } from "./common/meta.js";
import { notesSchema } from "./common/notes.js";
import { orderLineSchema } from "./common/order-line.js";
import { additionalPOTypeCodesSchema, monetaryAmountsSchema } from "./common/order-terms.js";
import { paymentTermsSchema } from "./common/payment-terms.js";
import { physicalDetailsSchema } from "./common/physical-details.js";
import { priceInformationSchema } from "./common/price-information.js";
import {
  commoditySchema,
  masterItemAttributeSchema,
  productIDSchema,
  productOrItemDescriptionSchema,
} from "./common/product.js";
import {
  quantitiesSchedulesLocationsSchema,
  quantityAndWeightSchema,
  quantityTotalsSchema,
} from "./common/quantities.js";
import { referencesSchema } from "./common/references.js";
import { regulatoryCompliancesSchema } from "./common/regulatory-compliances.js";
import { sublineSchema } from "./common/subline.js";
import { taxesSchema } from "./common/taxes.js";
import { rsxDate, rsxTime, tradingPartnerId } from "./primitives.js";

export const orderAckOrderHeaderSchema = z.strictObject({
  TradingPartnerId: tradingPartnerId,
  PurchaseOrderNumber: z.string(),
  TsetPurposeCode: TsetPurposeCode.schema.optional(),
  PrimaryPOTypeCode: PrimaryPOTypeCode.schema.optional(),
  PrimaryPOTypeDescription: z.string().optional(),
  AdditionalPOTypeCodes: z.array(additionalPOTypeCodesSchema).optional(),
  PurchaseOrderDate: rsxDate.optional(),
  PurchaseOrderTime: rsxTime.optional(),
  ReleaseNumber: z.string().optional(),
  AcknowledgementNumber: z.string().optional(),
  AcknowledgementType: AcknowledgementType.schema.optional(),
  ShipCompleteCode: ShipCompleteCode.schema.optional(),
  InternalOrderNumber: z.string().optional(),
  InternalOrderDate: rsxDate.optional(),
  AcknowledgementDate: rsxDate.optional(),
  AcknowledgementTime: rsxTime.optional(),
  BuyersCurrency: z.string().optional(),
  SellersCurrency: z.string().optional(),
  ExchangeRate: z.number().optional(),
  Department: z.string().optional(),
  DepartmentDescription: z.string().optional(),
  Vendor: z.string().optional(),
  JobNumber: z.string().optional(),
  Division: z.string().optional(),
  CustomerAccountNumber: z.string().optional(),
  CustomerOrderNumber: z.string().optional(),
  DocumentVersion: z.string().optional(),
  DocumentRevision: z.string().optional(),
});
export type { OrderAckOrderHeader } from "../generated/document-types.js";

export const orderAckHeaderGroupSchema = z.strictObject({
  OrderHeader: orderAckOrderHeaderSchema,
  PaymentTerms: z.array(paymentTermsSchema).optional(),
  Dates: z.array(datesSchema).optional(),
  Contacts: z.array(contactsSchema).optional(),
  Address: z.array(addressSchema).optional(),
  FOBRelatedInstruction: z.array(fobRelatedInstructionSchema).optional(),
  CarrierInformation: z.array(carrierInformationSchema).optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
  Commodity: z.array(commoditySchema).optional(),
  Taxes: z.array(taxesSchema).optional(),
  ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
  MonetaryAmounts: z.array(monetaryAmountsSchema).optional(),
  QuantityAndWeight: z.array(quantityAndWeightSchema).optional(),
  QuantityTotals: z.array(quantityTotalsSchema).optional(),
  RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
});
export type { OrderAckHeaderGroup } from "../generated/document-types.js";

export const orderAckLineItemAcknowledgementSchema = z.strictObject({
  LineSequenceNumber: z.string().optional(),
  ItemStatusCode: ItemStatusCode.schema.optional(),
  ItemScheduleQty: z.number().optional(),
  ItemScheduleUOM: ItemScheduleUOM.schema.optional(),
  ItemScheduleQualifier: ItemScheduleQualifier.schema.optional(),
  ItemScheduleDate: rsxDate.optional(),
  BuyerPartNumber: z.string().optional(),
  VendorPartNumber: z.string().optional(),
  ConsumerPackageCode: z.string().optional(),
  EAN: z.string().optional(),
  GTIN: z.string().optional(),
  UPCCaseCode: z.string().optional(),
  NatlDrugCode: z.string().optional(),
  InternationalStandardBookNumber: z.string().optional(),
  ProductID: z.array(productIDSchema).optional(),
  PurchasePriceType: PurchasePriceType.schema.optional(),
  PurchasePrice: z.number().optional(),
  PurchasePriceBasis: PurchasePriceBasis.schema.optional(),
  BuyersCurrency: z.string().optional(),
  SellersCurrency: z.string().optional(),
  ExchangeRate: z.number().optional(),
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
  IndustryCode: z.string().optional(),
});
export type { OrderAckLineItemAcknowledgement } from "../generated/document-types.js";

/** Subline as the OrderAck document carries it: Subline without FloorReady. */
export const orderAckSublineSchema = sublineSchema.omit({ FloorReady: true });
export type { OrderAckSubline } from "../generated/document-types.js";

export const orderAckLineItemSchema = z.strictObject({
  OrderLine: orderLineSchema.optional(),
  LineItemAcknowledgement: z.array(orderAckLineItemAcknowledgementSchema).optional(),
  Dates: z.array(datesSchema).optional(),
  Measurements: z.array(measurementsSchema).optional(),
  PriceInformation: z.array(priceInformationSchema).optional(),
  ProductOrItemDescription: z.array(productOrItemDescriptionSchema).optional(),
  MasterItemAttribute: z.array(masterItemAttributeSchema).optional(),
  PhysicalDetails: z.array(physicalDetailsSchema).optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
  Commodity: z.array(commoditySchema).optional(),
  Address: z.array(addressSchema).optional(),
  Subline: z.array(orderAckSublineSchema).optional(),
  QuantitiesSchedulesLocations: z.array(quantitiesSchedulesLocationsSchema).optional(),
  Taxes: z.array(taxesSchema).optional(),
  ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
  FOBRelatedInstruction: z.array(fobRelatedInstructionSchema).optional(),
  CarrierInformation: z.array(carrierInformationSchema).optional(),
  RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
});
export type { OrderAckLineItem } from "../generated/document-types.js";

export const orderAckSummarySchema = z.strictObject({
  TotalAmount: z.number().optional(),
  TotalLineItemNumber: z.number().int().optional(),
});
export type { OrderAckSummary } from "../generated/document-types.js";

export const orderAckSchema = z.strictObject({
  Meta: metaSchema.optional(),
  Header: orderAckHeaderGroupSchema,
  LineItem: z.array(orderAckLineItemSchema).optional(),
  Summary: orderAckSummarySchema.optional(),
});
export type { OrderAck } from "../generated/document-types.js";
