// 850 Purchase Order (RSX "Order"): Header, LineItem[], Summary.
import { z } from "zod";
import { PrimaryPOTypeCode, ShipCompleteCode, TsetPurposeCode } from "../code-lists/index.js";
import { addressSchema, contactsSchema } from "./common/address.js";
import { carrierInformationSchema, carrierSpecialHandlingDetailSchema } from "./common/carrier-information.js";
import { chargesAllowancesSchema } from "./common/charges-allowances.js";
import { datesSchema } from "./common/dates.js";
import { fobRelatedInstructionSchema } from "./common/fob-related-instruction.js";
import { measurementsSchema } from "./common/measurements.js";
import { metaSchema } from "./common/meta.js";
import { notesSchema } from "./common/notes.js";
import { orderLineSchema } from "./common/order-line.js";
import {
  additionalPOTypeCodesSchema,
  conditionOfSaleSchema,
  leadTimeSchema,
  monetaryAmountsSchema,
  restrictionsOrConditionsSchema,
} from "./common/order-terms.js";
import {
  floorReadySchema,
  marksAndNumbersCollectionSchema,
  packagingSchema,
  palletInformationSchema,
  paperworkSchema,
} from "./common/packaging.js";
import { paymentTermsSchema } from "./common/payment-terms.js";
import { physicalDetailsSchema } from "./common/physical-details.js";
import { priceInformationSchema } from "./common/price-information.js";
import { commoditySchema, masterItemAttributeSchema, productOrItemDescriptionSchema } from "./common/product.js";
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

export const orderHeaderSchema = z.strictObject({
  TradingPartnerId: tradingPartnerId,
  PurchaseOrderNumber: z.string(),
  DepositorOrderNumber: z.string().optional(),
  TsetPurposeCode: TsetPurposeCode.schema.optional(),
  PrimaryPOTypeCode: PrimaryPOTypeCode.schema.optional(),
  PrimaryPOTypeDescription: z.string().optional(),
  AdditionalPOTypeCodes: z.array(additionalPOTypeCodesSchema).optional(),
  ReleaseNumber: z.string().optional(),
  PurchaseOrderDate: rsxDate.optional(),
  PurchaseOrderTime: rsxTime.optional(),
  ContractType: z.string().optional(),
  SalesRequirementCode: z.string().optional(),
  // The 850/860 asks for an acknowledgement with other codes than the 855 answers with (e.g. "NA"): free string.
  AcknowledgementType: z.string().optional(),
  InvoiceTypeCode: z.string().optional(),
  ShipCompleteCode: ShipCompleteCode.schema.optional(),
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
export type { OrderHeader } from "../generated/document-types.js";

export const orderHeaderGroupSchema = z.strictObject({
  OrderHeader: orderHeaderSchema,
  PaymentTerms: z.array(paymentTermsSchema).optional(),
  Dates: z.array(datesSchema).optional(),
  Contacts: z.array(contactsSchema).optional(),
  Address: z.array(addressSchema).optional(),
  FOBRelatedInstruction: z.array(fobRelatedInstructionSchema).optional(),
  Commodity: z.array(commoditySchema).optional(),
  Measurements: z.array(measurementsSchema).optional(),
  Paperwork: z.array(paperworkSchema).optional(),
  Packaging: z.array(packagingSchema).optional(),
  QuantityAndWeight: z.array(quantityAndWeightSchema).optional(),
  CarrierInformation: z.array(carrierInformationSchema).optional(),
  CarrierSpecialHandlingDetail: z.array(carrierSpecialHandlingDetailSchema).optional(),
  MarksAndNumbersCollection: z.array(marksAndNumbersCollectionSchema).optional(),
  RestrictionsOrConditions: z.array(restrictionsOrConditionsSchema).optional(),
  LeadTime: z.array(leadTimeSchema).optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
  Taxes: z.array(taxesSchema).optional(),
  ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
  MonetaryAmounts: z.array(monetaryAmountsSchema).optional(),
  QuantityTotals: z.array(quantityTotalsSchema).optional(),
  RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
});
export type { OrderHeaderGroup } from "../generated/document-types.js";

export const orderLineItemSchema = z.strictObject({
  OrderLine: orderLineSchema.optional(),
  Contacts: z.array(contactsSchema).optional(),
  Dates: z.array(datesSchema).optional(),
  Measurements: z.array(measurementsSchema).optional(),
  PriceInformation: z.array(priceInformationSchema).optional(),
  ProductOrItemDescription: z.array(productOrItemDescriptionSchema).optional(),
  MasterItemAttribute: z.array(masterItemAttributeSchema).optional(),
  Paperwork: z.array(paperworkSchema).optional(),
  PhysicalDetails: z.array(physicalDetailsSchema).optional(),
  PalletInformation: z.array(palletInformationSchema).optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
  FloorReady: z.array(floorReadySchema).optional(),
  Address: z.array(addressSchema).optional(),
  Subline: z.array(sublineSchema).optional(),
  QuantitiesSchedulesLocations: z.array(quantitiesSchedulesLocationsSchema).optional(),
  Taxes: z.array(taxesSchema).optional(),
  ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
  PaymentTerms: z.array(paymentTermsSchema).optional(),
  ConditionOfSale: z.array(conditionOfSaleSchema).optional(),
  FOBRelatedInstruction: z.array(fobRelatedInstructionSchema).optional(),
  Commodity: z.array(commoditySchema).optional(),
  CarrierInformation: z.array(carrierInformationSchema).optional(),
  CarrierSpecialHandlingDetail: z.array(carrierSpecialHandlingDetailSchema).optional(),
  MarksAndNumbersCollection: z.array(marksAndNumbersCollectionSchema).optional(),
  RestrictionsOrConditions: z.array(restrictionsOrConditionsSchema).optional(),
  Packaging: z.array(packagingSchema).optional(),
  MonetaryAmounts: z.array(monetaryAmountsSchema).optional(),
  RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
});
export type { OrderLineItem } from "../generated/document-types.js";

export const orderSummarySchema = z.strictObject({
  TotalAmount: z.number().optional(),
  TotalLineItemNumber: z.number().int().optional(),
  Description: z.string().optional(),
});
export type { OrderSummary } from "../generated/document-types.js";

export const orderSchema = z.strictObject({
  Meta: metaSchema.optional(),
  Header: orderHeaderGroupSchema,
  LineItem: z.array(orderLineItemSchema).optional(),
  Summary: orderSummarySchema.optional(),
});
export type { Order } from "../generated/document-types.js";
