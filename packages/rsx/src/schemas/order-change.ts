// 860 Purchase Order Change (RSX "OrderChange"): like the 850, with change fields on the header and lines.
import { z } from "zod";
import {
  OrderQtyUOM,
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
import {
  commoditySchema,
  masterItemAttributeSchema,
  nrfStandardColorAndSizeSchema,
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
import { rsxDate, tradingPartnerId } from "./primitives.js";

export const orderChangeOrderHeaderSchema = z.strictObject({
  TradingPartnerId: tradingPartnerId,
  PurchaseOrderNumber: z.string(),
  TsetPurposeCode: TsetPurposeCode.schema.optional(),
  PrimaryPOTypeCode: PrimaryPOTypeCode.schema.optional(),
  PrimaryPOTypeDescription: z.string().optional(),
  AdditionalPOTypeCodes: z.array(additionalPOTypeCodesSchema).optional(),
  ReleaseNumber: z.string().optional(),
  ChangeOrderSeqNumber: z.string().optional(),
  PurchaseOrderDate: rsxDate.optional(),
  POChangeDate: rsxDate.optional(),
  ContractType: z.string().optional(),
  // The 850/860 asks for an acknowledgement with other codes than the 855 answers with (e.g. "NA"): free string.
  AcknowledgementType: z.string().optional(),
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
export type { OrderChangeOrderHeader } from "../generated/document-types.js";

export const orderChangeHeaderGroupSchema = z.strictObject({
  OrderHeader: orderChangeOrderHeaderSchema,
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
export type { OrderChangeHeaderGroup } from "../generated/document-types.js";

/** OrderLine as the OrderChange document carries it: OrderLine with LineChangeCode, PreviousOrderQty, VarianceQty. */
export const orderChangeOrderLineSchema = z.strictObject({
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
  LineChangeCode: z.string().optional(),
  OrderQty: z.number().optional(),
  OrderQtyUOM: OrderQtyUOM.schema.optional(),
  PreviousOrderQty: z.number().optional(),
  VarianceQty: z.number().optional(),
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
export type { OrderChangeOrderLine } from "../generated/document-types.js";

export const orderChangeLineItemSchema = z.strictObject({
  OrderLine: orderChangeOrderLineSchema.optional(),
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
  MarksAndNumbersCollection: z.array(marksAndNumbersCollectionSchema).optional(),
  RestrictionsOrConditions: z.array(restrictionsOrConditionsSchema).optional(),
  Packaging: z.array(packagingSchema).optional(),
  MonetaryAmounts: z.array(monetaryAmountsSchema).optional(),
  RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
});
export type { OrderChangeLineItem } from "../generated/document-types.js";

export const orderChangeSummarySchema = z.strictObject({
  TotalAmount: z.number().optional(),
  TotalLineItemNumber: z.number().int().optional(),
});
export type { OrderChangeSummary } from "../generated/document-types.js";

export const orderChangeSchema = z.strictObject({
  Meta: metaSchema.optional(),
  Header: orderChangeHeaderGroupSchema,
  LineItem: z.array(orderChangeLineItemSchema).optional(),
  Summary: orderChangeSummarySchema.optional(),
});
export type { OrderChange } from "../generated/document-types.js";
