/**
 * GENERATED FILE: do not edit by hand.
 * The published schemas: the same objects as src/schemas, declared with their named output type.
 * Source: the zod schemas in packages/rsx/src/schemas, read by packages/rsx/scripts/generate-types.ts.
 * Regenerate: pnpm --filter @ml-connector/rsx run generate
 * CI runs `pnpm run check:generated`, which fails when this file and the schemas drift apart, and
 * packages/rsx/test/generated-types.test.ts proves each named type equals what zod infers from its schema.
 */

import type { z } from "zod";
import * as source from "../schemas/index.js";
import type {
  AdditionalContactDetails,
  AdditionalPOTypeCodes,
  Address,
  CarrierInformationAddress,
  CarrierInformation,
  CarrierSpecialHandlingDetail,
  ChargesAllowances,
  Commodity,
  ConditionOfSale,
  Contacts,
  Dates,
  FloorReady,
  FOBRelatedInstruction,
  InvoiceCarrierInformation,
  InvoiceHeaderGroup,
  InvoiceHeader,
  InvoiceLineItem,
  InvoiceLine,
  Invoice,
  InvoiceSubline,
  InvoiceSummary,
  ItemAttribute,
  LeadTime,
  LocationQuantity,
  MarksAndNumbersCollection,
  MasterItemAttribute,
  Measurements,
  RsxMeta,
  MonetaryAmounts,
  Notes,
  NRFStandardColorAndSize,
  OrderAckHeaderGroup,
  OrderAckLineItemAcknowledgement,
  OrderAckLineItem,
  OrderAckOrderHeader,
  OrderAck,
  OrderAckSubline,
  OrderAckSummary,
  OrderChangeHeaderGroup,
  OrderChangeLineItem,
  OrderChangeOrderHeader,
  OrderChangeOrderLine,
  OrderChange,
  OrderChangeSummary,
  OrderHeaderGroup,
  OrderHeader,
  OrderLineItem,
  OrderLine,
  Order,
  OrderSummary,
  Packaging,
  PalletInformation,
  Paperwork,
  PaymentTerms,
  PhysicalDetails,
  PriceInformation,
  ProductID,
  ProductOrItemDescription,
  QuantitiesSchedulesLocations,
  QuantityAndWeight,
  QuantityTotals,
  ReferenceIDs,
  References,
  RegulatoryCompliances,
  RestrictionsOrConditions,
  SealNumbers,
  ServiceLevelCodes,
  ShipmentContainerLevel,
  ShipmentContainer,
  ShipmentHeaderGroup,
  ShipmentHeader,
  ShipmentInvoiceSublineItemDetail,
  ShipmentItemLevel,
  ShipmentItemLoadInfo,
  ShipmentItemLoad,
  ShipmentLine,
  ShipmentOrderHeader,
  ShipmentOrderLevel,
  ShipmentPackaging,
  ShipmentPackLevel,
  ShipmentPack,
  Shipment,
  ShipmentSubline,
  ShipmentSummary,
  SublineItemDetail,
  Subline,
  Taxes,
} from "./document-types.js";

export const additionalContactDetailsSchema: z.ZodType<AdditionalContactDetails, AdditionalContactDetails> = source.additionalContactDetailsSchema;
export const additionalPOTypeCodesSchema: z.ZodType<AdditionalPOTypeCodes, AdditionalPOTypeCodes> = source.additionalPOTypeCodesSchema;
export const addressSchema: z.ZodType<Address, Address> = source.addressSchema;
export const carrierInformationAddressSchema: z.ZodType<CarrierInformationAddress, CarrierInformationAddress> = source.carrierInformationAddressSchema;
export const carrierInformationSchema: z.ZodType<CarrierInformation, CarrierInformation> = source.carrierInformationSchema;
export const carrierSpecialHandlingDetailSchema: z.ZodType<CarrierSpecialHandlingDetail, CarrierSpecialHandlingDetail> = source.carrierSpecialHandlingDetailSchema;
export const chargesAllowancesSchema: z.ZodType<ChargesAllowances, ChargesAllowances> = source.chargesAllowancesSchema;
export const commoditySchema: z.ZodType<Commodity, Commodity> = source.commoditySchema;
export const conditionOfSaleSchema: z.ZodType<ConditionOfSale, ConditionOfSale> = source.conditionOfSaleSchema;
export const contactsSchema: z.ZodType<Contacts, Contacts> = source.contactsSchema;
export const datesSchema: z.ZodType<Dates, Dates> = source.datesSchema;
export const floorReadySchema: z.ZodType<FloorReady, FloorReady> = source.floorReadySchema;
export const fobRelatedInstructionSchema: z.ZodType<FOBRelatedInstruction, FOBRelatedInstruction> = source.fobRelatedInstructionSchema;
export const invoiceCarrierInformationSchema: z.ZodType<InvoiceCarrierInformation, InvoiceCarrierInformation> = source.invoiceCarrierInformationSchema;
export const invoiceHeaderGroupSchema: z.ZodType<InvoiceHeaderGroup, InvoiceHeaderGroup> = source.invoiceHeaderGroupSchema;
export const invoiceHeaderSchema: z.ZodType<InvoiceHeader, InvoiceHeader> = source.invoiceHeaderSchema;
export const invoiceLineItemSchema: z.ZodType<InvoiceLineItem, InvoiceLineItem> = source.invoiceLineItemSchema;
export const invoiceLineSchema: z.ZodType<InvoiceLine, InvoiceLine> = source.invoiceLineSchema;
export const invoiceSchema: z.ZodType<Invoice, Invoice> = source.invoiceSchema;
export const invoiceSublineSchema: z.ZodType<InvoiceSubline, InvoiceSubline> = source.invoiceSublineSchema;
export const invoiceSummarySchema: z.ZodType<InvoiceSummary, InvoiceSummary> = source.invoiceSummarySchema;
export const itemAttributeSchema: z.ZodType<ItemAttribute, ItemAttribute> = source.itemAttributeSchema;
export const leadTimeSchema: z.ZodType<LeadTime, LeadTime> = source.leadTimeSchema;
export const locationQuantitySchema: z.ZodType<LocationQuantity, LocationQuantity> = source.locationQuantitySchema;
export const marksAndNumbersCollectionSchema: z.ZodType<MarksAndNumbersCollection, MarksAndNumbersCollection> = source.marksAndNumbersCollectionSchema;
export const masterItemAttributeSchema: z.ZodType<MasterItemAttribute, MasterItemAttribute> = source.masterItemAttributeSchema;
export const measurementsSchema: z.ZodType<Measurements, Measurements> = source.measurementsSchema;
export const metaSchema: z.ZodType<RsxMeta, RsxMeta> = source.metaSchema;
export const monetaryAmountsSchema: z.ZodType<MonetaryAmounts, MonetaryAmounts> = source.monetaryAmountsSchema;
export const notesSchema: z.ZodType<Notes, Notes> = source.notesSchema;
export const nrfStandardColorAndSizeSchema: z.ZodType<NRFStandardColorAndSize, NRFStandardColorAndSize> = source.nrfStandardColorAndSizeSchema;
export const orderAckHeaderGroupSchema: z.ZodType<OrderAckHeaderGroup, OrderAckHeaderGroup> = source.orderAckHeaderGroupSchema;
export const orderAckLineItemAcknowledgementSchema: z.ZodType<OrderAckLineItemAcknowledgement, OrderAckLineItemAcknowledgement> = source.orderAckLineItemAcknowledgementSchema;
export const orderAckLineItemSchema: z.ZodType<OrderAckLineItem, OrderAckLineItem> = source.orderAckLineItemSchema;
export const orderAckOrderHeaderSchema: z.ZodType<OrderAckOrderHeader, OrderAckOrderHeader> = source.orderAckOrderHeaderSchema;
export const orderAckSchema: z.ZodType<OrderAck, OrderAck> = source.orderAckSchema;
export const orderAckSublineSchema: z.ZodType<OrderAckSubline, OrderAckSubline> = source.orderAckSublineSchema;
export const orderAckSummarySchema: z.ZodType<OrderAckSummary, OrderAckSummary> = source.orderAckSummarySchema;
export const orderChangeHeaderGroupSchema: z.ZodType<OrderChangeHeaderGroup, OrderChangeHeaderGroup> = source.orderChangeHeaderGroupSchema;
export const orderChangeLineItemSchema: z.ZodType<OrderChangeLineItem, OrderChangeLineItem> = source.orderChangeLineItemSchema;
export const orderChangeOrderHeaderSchema: z.ZodType<OrderChangeOrderHeader, OrderChangeOrderHeader> = source.orderChangeOrderHeaderSchema;
export const orderChangeOrderLineSchema: z.ZodType<OrderChangeOrderLine, OrderChangeOrderLine> = source.orderChangeOrderLineSchema;
export const orderChangeSchema: z.ZodType<OrderChange, OrderChange> = source.orderChangeSchema;
export const orderChangeSummarySchema: z.ZodType<OrderChangeSummary, OrderChangeSummary> = source.orderChangeSummarySchema;
export const orderHeaderGroupSchema: z.ZodType<OrderHeaderGroup, OrderHeaderGroup> = source.orderHeaderGroupSchema;
export const orderHeaderSchema: z.ZodType<OrderHeader, OrderHeader> = source.orderHeaderSchema;
export const orderLineItemSchema: z.ZodType<OrderLineItem, OrderLineItem> = source.orderLineItemSchema;
export const orderLineSchema: z.ZodType<OrderLine, OrderLine> = source.orderLineSchema;
export const orderSchema: z.ZodType<Order, Order> = source.orderSchema;
export const orderSummarySchema: z.ZodType<OrderSummary, OrderSummary> = source.orderSummarySchema;
export const packagingSchema: z.ZodType<Packaging, Packaging> = source.packagingSchema;
export const palletInformationSchema: z.ZodType<PalletInformation, PalletInformation> = source.palletInformationSchema;
export const paperworkSchema: z.ZodType<Paperwork, Paperwork> = source.paperworkSchema;
export const paymentTermsSchema: z.ZodType<PaymentTerms, PaymentTerms> = source.paymentTermsSchema;
export const physicalDetailsSchema: z.ZodType<PhysicalDetails, PhysicalDetails> = source.physicalDetailsSchema;
export const priceInformationSchema: z.ZodType<PriceInformation, PriceInformation> = source.priceInformationSchema;
export const productIDSchema: z.ZodType<ProductID, ProductID> = source.productIDSchema;
export const productOrItemDescriptionSchema: z.ZodType<ProductOrItemDescription, ProductOrItemDescription> = source.productOrItemDescriptionSchema;
export const quantitiesSchedulesLocationsSchema: z.ZodType<QuantitiesSchedulesLocations, QuantitiesSchedulesLocations> = source.quantitiesSchedulesLocationsSchema;
export const quantityAndWeightSchema: z.ZodType<QuantityAndWeight, QuantityAndWeight> = source.quantityAndWeightSchema;
export const quantityTotalsSchema: z.ZodType<QuantityTotals, QuantityTotals> = source.quantityTotalsSchema;
export const referenceIDsSchema: z.ZodType<ReferenceIDs, ReferenceIDs> = source.referenceIDsSchema;
export const referencesSchema: z.ZodType<References, References> = source.referencesSchema;
export const regulatoryCompliancesSchema: z.ZodType<RegulatoryCompliances, RegulatoryCompliances> = source.regulatoryCompliancesSchema;
export const restrictionsOrConditionsSchema: z.ZodType<RestrictionsOrConditions, RestrictionsOrConditions> = source.restrictionsOrConditionsSchema;
export const sealNumbersSchema: z.ZodType<SealNumbers, SealNumbers> = source.sealNumbersSchema;
export const serviceLevelCodesSchema: z.ZodType<ServiceLevelCodes, ServiceLevelCodes> = source.serviceLevelCodesSchema;
export const shipmentContainerLevelSchema: z.ZodType<ShipmentContainerLevel, ShipmentContainerLevel> = source.shipmentContainerLevelSchema;
export const shipmentContainerSchema: z.ZodType<ShipmentContainer, ShipmentContainer> = source.shipmentContainerSchema;
export const shipmentHeaderGroupSchema: z.ZodType<ShipmentHeaderGroup, ShipmentHeaderGroup> = source.shipmentHeaderGroupSchema;
export const shipmentHeaderSchema: z.ZodType<ShipmentHeader, ShipmentHeader> = source.shipmentHeaderSchema;
export const shipmentInvoiceSublineItemDetailSchema: z.ZodType<ShipmentInvoiceSublineItemDetail, ShipmentInvoiceSublineItemDetail> = source.shipmentInvoiceSublineItemDetailSchema;
export const shipmentItemLevelSchema: z.ZodType<ShipmentItemLevel, ShipmentItemLevel> = source.shipmentItemLevelSchema;
export const shipmentItemLoadInfoSchema: z.ZodType<ShipmentItemLoadInfo, ShipmentItemLoadInfo> = source.shipmentItemLoadInfoSchema;
export const shipmentItemLoadSchema: z.ZodType<ShipmentItemLoad, ShipmentItemLoad> = source.shipmentItemLoadSchema;
export const shipmentLineSchema: z.ZodType<ShipmentLine, ShipmentLine> = source.shipmentLineSchema;
export const shipmentOrderHeaderSchema: z.ZodType<ShipmentOrderHeader, ShipmentOrderHeader> = source.shipmentOrderHeaderSchema;
export const shipmentOrderLevelSchema: z.ZodType<ShipmentOrderLevel, ShipmentOrderLevel> = source.shipmentOrderLevelSchema;
export const shipmentPackagingSchema: z.ZodType<ShipmentPackaging, ShipmentPackaging> = source.shipmentPackagingSchema;
export const shipmentPackLevelSchema: z.ZodType<ShipmentPackLevel, ShipmentPackLevel> = source.shipmentPackLevelSchema;
export const shipmentPackSchema: z.ZodType<ShipmentPack, ShipmentPack> = source.shipmentPackSchema;
export const shipmentSchema: z.ZodType<Shipment, Shipment> = source.shipmentSchema;
export const shipmentSublineSchema: z.ZodType<ShipmentSubline, ShipmentSubline> = source.shipmentSublineSchema;
export const shipmentSummarySchema: z.ZodType<ShipmentSummary, ShipmentSummary> = source.shipmentSummarySchema;
export const sublineItemDetailSchema: z.ZodType<SublineItemDetail, SublineItemDetail> = source.sublineItemDetailSchema;
export const sublineSchema: z.ZodType<Subline, Subline> = source.sublineSchema;
export const taxesSchema: z.ZodType<Taxes, Taxes> = source.taxesSchema;
