// 810 Invoice (RSX "Invoice"): Header, LineItem[], Summary with totals.
import { z } from "zod";
import {
  ActionCode,
  CarrierTransMethodCode,
  CashDiscount,
  EquipmentDescriptionCode,
  InvoiceQtyUOM,
  InvoiceTsetPurposeCode,
  InvoiceTypeCode,
  OrderQtyUOM,
  OwnershipCode,
  PrimaryPOTypeCode,
  PurchasePriceBasis,
  PurchasePriceType,
  QtyLeftToReceiveStatus,
  RoutingSequenceCode,
  SaleOrService,
  ShipQtyUOM,
  StatusCode,
  TransitDirectionCode,
} from "../code-lists/index.js";
import { addressSchema, carrierInformationAddressSchema, contactsSchema } from "./common/address.js";
import { sealNumbersSchema, serviceLevelCodesSchema } from "./common/carrier-information.js";
import { chargesAllowancesSchema } from "./common/charges-allowances.js";
import { datesSchema } from "./common/dates.js";
import { fobRelatedInstructionSchema } from "./common/fob-related-instruction.js";
import { measurementsSchema } from "./common/measurements.js";
import { metaSchema } from "./common/meta.js";
import { notesSchema } from "./common/notes.js";
import { additionalPOTypeCodesSchema } from "./common/order-terms.js";
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
import { quantitiesSchedulesLocationsSchema, quantityTotalsSchema } from "./common/quantities.js";
import { referencesSchema } from "./common/references.js";
import { regulatoryCompliancesSchema } from "./common/regulatory-compliances.js";
import { shipmentInvoiceSublineItemDetailSchema, sublineSchema } from "./common/subline.js";
import { taxesSchema } from "./common/taxes.js";
import { rsxDate, rsxTime, tradingPartnerId } from "./primitives.js";

export const invoiceHeaderSchema = z.strictObject({
  TradingPartnerId: tradingPartnerId,
  InvoiceNumber: z.string(),
  InvoiceDate: rsxDate.optional(),
  InvoiceTime: rsxTime.optional(),
  PurchaseOrderDate: rsxDate.optional(),
  PurchaseOrderNumber: z.string().optional(),
  PrimaryPOTypeCode: PrimaryPOTypeCode.schema.optional(),
  PrimaryPOTypeDescription: z.string().optional(),
  AdditionalPOTypeCodes: z.array(additionalPOTypeCodesSchema).optional(),
  ReleaseNumber: z.string().optional(),
  InvoiceTypeCode: InvoiceTypeCode.schema.optional(),
  TsetPurposeCode: InvoiceTsetPurposeCode.schema.optional(),
  ActionCode: ActionCode.schema.optional(),
  BuyersCurrency: z.string().optional(),
  SellersCurrency: z.string().optional(),
  ExchangeRate: z.number().optional(),
  InternalOrderNumber: z.string().optional(),
  InternalOrderDate: rsxDate.optional(),
  Department: z.string().optional(),
  DepartmentDescription: z.string().optional(),
  Vendor: z.string().optional(),
  JobNumber: z.string().optional(),
  Division: z.string().optional(),
  CustomerAccountNumber: z.string().optional(),
  CustomerOrderNumber: z.string().optional(),
  CarrierProNumber: z.string().optional(),
  BillOfLadingNumber: z.string().optional(),
  ShipDate: rsxDate.optional(),
  ShipTime: rsxTime.optional(),
  ShipDeliveryDate: rsxDate.optional(),
  ShipDeliveryTime: rsxTime.optional(),
  LanguageCode: z.string().optional(),
  DocumentVersion: z.string().optional(),
  DocumentRevision: z.string().optional(),
});
export type { InvoiceHeader } from "../generated/document-types.js";

/** CarrierInformation as the Invoice document carries it: CarrierInformation without TransitTimeQual; with TransitTimeQualifier. */
export const invoiceCarrierInformationSchema = z.strictObject({
  StatusCode: StatusCode.schema.optional(),
  CarrierTransMethodCode: CarrierTransMethodCode.schema.optional(),
  CarrierAlphaCode: z.string().optional(),
  CarrierRouting: z.string().optional(),
  EquipmentDescriptionCode: EquipmentDescriptionCode.schema.optional(),
  CarrierEquipmentInitial: z.string().optional(),
  CarrierEquipmentNumber: z.string().optional(),
  EquipmentType: z.string().optional(),
  OwnershipCode: OwnershipCode.schema.optional(),
  RoutingSequenceCode: RoutingSequenceCode.schema.optional(),
  TransitDirectionCode: TransitDirectionCode.schema.optional(),
  TransitTimeQualifier: z.string().optional(),
  TransitTime: z.number().optional(),
  ServiceLevelCodes: z.array(serviceLevelCodesSchema).optional(),
  Address: z.array(carrierInformationAddressSchema).optional(),
  SealNumbers: z.array(sealNumbersSchema).optional(),
});
export type { InvoiceCarrierInformation } from "../generated/document-types.js";

export const invoiceHeaderGroupSchema = z.strictObject({
  InvoiceHeader: invoiceHeaderSchema,
  PaymentTerms: z.array(paymentTermsSchema).optional(),
  Dates: z.array(datesSchema).optional(),
  Contacts: z.array(contactsSchema).optional(),
  Address: z.array(addressSchema).optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
  Commodity: z.array(commoditySchema).optional(),
  Taxes: z.array(taxesSchema).optional(),
  ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
  FOBRelatedInstruction: z.array(fobRelatedInstructionSchema).optional(),
  CarrierInformation: z.array(invoiceCarrierInformationSchema).optional(),
  QuantityTotals: z.array(quantityTotalsSchema).optional(),
  RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
});
export type { InvoiceHeaderGroup } from "../generated/document-types.js";

export const invoiceLineSchema = z.strictObject({
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
  InvoiceQty: z.number().optional(),
  InvoiceQtyUOM: InvoiceQtyUOM.schema.optional(),
  OrderQty: z.number().optional(),
  OrderQtyUOM: OrderQtyUOM.schema.optional(),
  PurchasePriceType: PurchasePriceType.schema.optional(),
  PurchasePrice: z.number().optional(),
  PurchasePriceBasis: PurchasePriceBasis.schema.optional(),
  ShipQty: z.number().optional(),
  ShipQtyUOM: ShipQtyUOM.schema.optional(),
  ShipDate: rsxDate.optional(),
  QtyLeftToReceive: z.number().optional(),
  QtyLeftToReceiveStatus: QtyLeftToReceiveStatus.schema.optional(),
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
  SellerDateCode: z.string().optional(),
  CashDiscount: CashDiscount.schema.optional(),
  SaleOrService: SaleOrService.schema.optional(),
  NRFStandardColorAndSize: nrfStandardColorAndSizeSchema.optional(),
});
export type { InvoiceLine } from "../generated/document-types.js";

/** Subline as the Invoice document carries it: Subline without Dates, References, Notes, FloorReady, Taxes, ChargesAllowances, Address; with SublineItemDetail. */
export const invoiceSublineSchema = sublineSchema
  .omit({
    Dates: true,
    References: true,
    Notes: true,
    FloorReady: true,
    Taxes: true,
    ChargesAllowances: true,
    Address: true,
  })
  .extend({
    SublineItemDetail: shipmentInvoiceSublineItemDetailSchema.optional(),
  });
export type { InvoiceSubline } from "../generated/document-types.js";

export const invoiceLineItemSchema = z.strictObject({
  InvoiceLine: invoiceLineSchema.optional(),
  Measurements: z.array(measurementsSchema).optional(),
  PriceInformation: z.array(priceInformationSchema).optional(),
  ProductOrItemDescription: z.array(productOrItemDescriptionSchema).optional(),
  MasterItemAttribute: z.array(masterItemAttributeSchema).optional(),
  PhysicalDetails: z.array(physicalDetailsSchema).optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
  Commodity: z.array(commoditySchema).optional(),
  Dates: z.array(datesSchema).optional(),
  CarrierInformation: z.array(invoiceCarrierInformationSchema).optional(),
  Subline: z.array(invoiceSublineSchema).optional(),
  Address: z.array(addressSchema).optional(),
  QuantitiesSchedulesLocations: z.array(quantitiesSchedulesLocationsSchema).optional(),
  Taxes: z.array(taxesSchema).optional(),
  ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
  RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
});
export type { InvoiceLineItem } from "../generated/document-types.js";

export const invoiceSummarySchema = z.strictObject({
  TotalAmount: z.number().optional(),
  TotalSalesAmount: z.number().optional(),
  TotalFreightCharges: z.number().optional(),
  TotalNonFreightCharges: z.number().optional(),
  TotalTaxesAndCharges: z.number().optional(),
  TotalTermsDiscountAmount: z.number().optional(),
  TotalAllowancesAmount: z.number().optional(),
  TotalCartonCount: z.number().optional(),
  TotalLineItemNumber: z.number().int().optional(),
  InvoiceAmtDueByTermsDate: z.number().optional(),
  TotalChargesAmount: z.number().optional(),
  SignatureIdentification: z.string().optional(),
  SignatureName: z.string().optional(),
  IntegrityCheckValue: z.string().optional(),
});
export type { InvoiceSummary } from "../generated/document-types.js";

export const invoiceSchema = z.strictObject({
  Meta: metaSchema.optional(),
  Header: invoiceHeaderGroupSchema,
  LineItem: z.array(invoiceLineItemSchema).optional(),
  Summary: invoiceSummarySchema.optional(),
});
export type { Invoice } from "../generated/document-types.js";
