// 856 Ship Notice (RSX "Shipment"): Header, then a hierarchy of Container/Order/Pack/Item levels, Summary.
// SPS's schema spells the top OrderLevel out inline, nested three deep; we use its recursive level definitions
// for every depth (so nesting is not limited) and accept DepositorOrderNumber on every OrderLevel.OrderHeader.
import { z } from "zod";
import {
  ItemStatusCode,
  OrderQtyUOM,
  PackingMaterial,
  PackingMedium,
  PurchasePriceBasis,
  PurchasePriceType,
  ShipQtyUOM,
  TsetPurposeCode,
} from "../code-lists/index.js";
import { addressSchema, contactsSchema } from "./common/address.js";
import { carrierInformationSchema, carrierSpecialHandlingDetailSchema } from "./common/carrier-information.js";
import { chargesAllowancesSchema } from "./common/charges-allowances.js";
import { datesSchema } from "./common/dates.js";
import { fobRelatedInstructionSchema } from "./common/fob-related-instruction.js";
import { measurementsSchema } from "./common/measurements.js";
import { metaSchema } from "./common/meta.js";
import { notesSchema } from "./common/notes.js";
import { marksAndNumbersCollectionSchema, packagingSchema, palletInformationSchema } from "./common/packaging.js";
import { physicalDetailsSchema } from "./common/physical-details.js";
import { priceInformationSchema } from "./common/price-information.js";
import {
  commoditySchema,
  masterItemAttributeSchema,
  nrfStandardColorAndSizeSchema,
  productIDSchema,
  productOrItemDescriptionSchema,
} from "./common/product.js";
import { quantityAndWeightSchema, quantityTotalsSchema } from "./common/quantities.js";
import { referencesSchema } from "./common/references.js";
import { regulatoryCompliancesSchema } from "./common/regulatory-compliances.js";
import { shipmentInvoiceSublineItemDetailSchema, sublineSchema } from "./common/subline.js";
import { taxesSchema } from "./common/taxes.js";
import { rsxDate, rsxTime, tradingPartnerId } from "./primitives.js";
import { atMostOneChildLevel } from "./shipment-hierarchy.js";

export const shipmentHeaderSchema = z.strictObject({
  TradingPartnerId: tradingPartnerId,
  ShipmentIdentification: z.string(),
  ShipDate: rsxDate.optional(),
  ShipmentTime: rsxTime.optional(),
  TsetPurposeCode: TsetPurposeCode.schema.optional(),
  TsetTypeCode: z.string().optional(),
  ShipNoticeDate: rsxDate.optional(),
  ShipNoticeTime: rsxTime.optional(),
  ASNStructureCode: z.string().optional(),
  BuyersCurrency: z.string().optional(),
  SellersCurrency: z.string().optional(),
  ExchangeRate: z.number().optional(),
  StatusReasonCode: z.string().optional(),
  BillOfLadingNumber: z.string().optional(),
  CarrierProNumber: z.string().optional(),
  AppointmentNumber: z.string().optional(),
  PickupNumber: z.string().optional(),
  RequestedPickupDate: rsxDate.optional(),
  RequestedPickupTime: rsxTime.optional(),
  ScheduledShipDate: rsxDate.optional(),
  ScheduledShipTime: rsxTime.optional(),
  CurrentScheduledDeliveryDate: rsxDate.optional(),
  CurrentScheduledDeliveryTime: rsxTime.optional(),
  CurrentScheduledShipDate: rsxDate.optional(),
  CurrentScheduledShipTime: rsxTime.optional(),
  DocumentVersion: z.string().optional(),
  DocumentRevision: z.string().optional(),
});
export type { ShipmentHeader } from "../generated/document-types.js";

export const shipmentHeaderGroupSchema = z.strictObject({
  ShipmentHeader: shipmentHeaderSchema,
  Dates: z.array(datesSchema).optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
  Contacts: z.array(contactsSchema).optional(),
  Address: z.array(addressSchema).optional(),
  CarrierInformation: z.array(carrierInformationSchema).optional(),
  QuantityAndWeight: z.array(quantityAndWeightSchema).optional(),
  Commodity: z.array(commoditySchema).optional(),
  CarrierSpecialHandlingDetail: z.array(carrierSpecialHandlingDetailSchema).optional(),
  Taxes: z.array(taxesSchema).optional(),
  ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
  FOBRelatedInstruction: z.array(fobRelatedInstructionSchema).optional(),
  QuantityTotals: z.array(quantityTotalsSchema).optional(),
  RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
});
export type { ShipmentHeaderGroup } from "../generated/document-types.js";

export const shipmentSummarySchema = z.strictObject({
  TotalOrders: z.number().int().optional(),
  TotalLineItemNumber: z.number().int().optional(),
});
export type { ShipmentSummary } from "../generated/document-types.js";

/** Shipment: at most one kind of child level (ContainerLevel, OrderLevel, PackLevel, ItemLevel), as in SPS's schema. */
export const shipmentSchema = z
  .strictObject({
    Meta: metaSchema.optional(),
    Header: shipmentHeaderGroupSchema,
    get ContainerLevel(): z.ZodOptional<z.ZodArray<typeof shipmentContainerLevelSchema>> {
      return z.array(shipmentContainerLevelSchema).optional();
    },
    get OrderLevel(): z.ZodOptional<z.ZodArray<typeof shipmentOrderLevelSchema>> {
      return z.array(shipmentOrderLevelSchema).optional();
    },
    get PackLevel(): z.ZodOptional<z.ZodArray<typeof shipmentPackLevelSchema>> {
      return z.array(shipmentPackLevelSchema).optional();
    },
    get ItemLevel(): z.ZodOptional<z.ZodArray<typeof shipmentItemLevelSchema>> {
      return z.array(shipmentItemLevelSchema).optional();
    },
    Summary: shipmentSummarySchema.optional(),
  })
  .superRefine(atMostOneChildLevel(["ContainerLevel", "OrderLevel", "PackLevel", "ItemLevel"]));
export type { Shipment } from "../generated/document-types.js";

export const shipmentContainerSchema = z.strictObject({
  BillOfLadingNumber: z.string().optional(),
  CarrierProNumber: z.string().optional(),
});
export type { ShipmentContainer } from "../generated/document-types.js";

/** ContainerLevel: at most one kind of child level (OrderLevel, PackLevel, ItemLevel), as in SPS's schema. */
export const shipmentContainerLevelSchema = z
  .strictObject({
    Container: shipmentContainerSchema.optional(),
    Dates: z.array(datesSchema).optional(),
    References: z.array(referencesSchema).optional(),
    Notes: z.array(notesSchema).optional(),
    QuantityAndWeight: z.array(quantityAndWeightSchema).optional(),
    CarrierInformation: z.array(carrierInformationSchema).optional(),
    Address: z.array(addressSchema).optional(),
    RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
    get OrderLevel(): z.ZodOptional<z.ZodArray<typeof shipmentOrderLevelSchema>> {
      return z.array(shipmentOrderLevelSchema).optional();
    },
    get PackLevel(): z.ZodOptional<z.ZodArray<typeof shipmentPackLevelSchema>> {
      return z.array(shipmentPackLevelSchema).optional();
    },
    get ItemLevel(): z.ZodOptional<z.ZodArray<typeof shipmentItemLevelSchema>> {
      return z.array(shipmentItemLevelSchema).optional();
    },
  })
  .superRefine(atMostOneChildLevel(["OrderLevel", "PackLevel", "ItemLevel"]));
export type { ShipmentContainerLevel } from "../generated/document-types.js";

export const shipmentOrderHeaderSchema = z.strictObject({
  DepositorOrderNumber: z.string().optional(),
  InternalOrderNumber: z.string().optional(),
  InternalOrderDate: rsxDate.optional(),
  InvoiceNumber: z.string().optional(),
  InvoiceDate: rsxDate.optional(),
  PurchaseOrderNumber: z.string().optional(),
  ReleaseNumber: z.string().optional(),
  PurchaseOrderDate: rsxDate.optional(),
  Department: z.string().optional(),
  DepartmentDescription: z.string().optional(),
  Vendor: z.string().optional(),
  JobNumber: z.string().optional(),
  Division: z.string().optional(),
  CustomerAccountNumber: z.string().optional(),
  CustomerOrderNumber: z.string().optional(),
  DeliveryDate: rsxDate.optional(),
  DeliveryTime: rsxTime.optional(),
});
export type { ShipmentOrderHeader } from "../generated/document-types.js";

/** OrderLevel: at most one kind of child level (PackLevel, ItemLevel, ContainerLevel), as in SPS's schema. */
export const shipmentOrderLevelSchema = z
  .strictObject({
    OrderHeader: shipmentOrderHeaderSchema.optional(),
    QuantityAndWeight: z.array(quantityAndWeightSchema).optional(),
    CarrierInformation: z.array(carrierInformationSchema).optional(),
    Dates: z.array(datesSchema).optional(),
    References: z.array(referencesSchema).optional(),
    Notes: z.array(notesSchema).optional(),
    Address: z.array(addressSchema).optional(),
    Taxes: z.array(taxesSchema).optional(),
    ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
    Commodity: z.array(commoditySchema).optional(),
    RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
    get PackLevel(): z.ZodOptional<z.ZodArray<typeof shipmentPackLevelSchema>> {
      return z.array(shipmentPackLevelSchema).optional();
    },
    get ItemLevel(): z.ZodOptional<z.ZodArray<typeof shipmentItemLevelSchema>> {
      return z.array(shipmentItemLevelSchema).optional();
    },
    get ContainerLevel(): z.ZodOptional<z.ZodArray<typeof shipmentContainerLevelSchema>> {
      return z.array(shipmentContainerLevelSchema).optional();
    },
  })
  .superRefine(atMostOneChildLevel(["PackLevel", "ItemLevel", "ContainerLevel"]));
export type { ShipmentOrderLevel } from "../generated/document-types.js";

export const shipmentPackSchema = z.strictObject({
  PackLevelType: z.string().optional(),
  ShippingSerialID: z.string().optional(),
  CarrierPackageID: z.string().optional(),
});
export type { ShipmentPack } from "../generated/document-types.js";

/** Packaging as the Shipment document carries it: Packaging without Measurements. */
export const shipmentPackagingSchema = packagingSchema.omit({ Measurements: true });
export type { ShipmentPackaging } from "../generated/document-types.js";

/** PackLevel: at most one kind of child level (ItemLevel, PackLevel), as in SPS's schema. */
export const shipmentPackLevelSchema = z
  .strictObject({
    Pack: shipmentPackSchema.optional(),
    PhysicalDetails: z.array(physicalDetailsSchema).optional(),
    MarksAndNumbersCollection: z.array(marksAndNumbersCollectionSchema).optional(),
    PalletInformation: z.array(palletInformationSchema).optional(),
    Dates: z.array(datesSchema).optional(),
    References: z.array(referencesSchema).optional(),
    Notes: z.array(notesSchema).optional(),
    Address: z.array(addressSchema).optional(),
    Taxes: z.array(taxesSchema).optional(),
    ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
    CarrierInformation: z.array(carrierInformationSchema).optional(),
    Packaging: z.array(shipmentPackagingSchema).optional(),
    RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
    get ItemLevel(): z.ZodOptional<z.ZodArray<typeof shipmentItemLevelSchema>> {
      return z.array(shipmentItemLevelSchema).optional();
    },
    get PackLevel(): z.ZodOptional<z.ZodArray<typeof shipmentPackLevelSchema>> {
      return z.array(shipmentPackLevelSchema).optional();
    },
  })
  .superRefine(atMostOneChildLevel(["ItemLevel", "PackLevel"]));
export type { ShipmentPackLevel } from "../generated/document-types.js";

export const shipmentLineSchema = z.strictObject({
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
  ItemStatusCode: ItemStatusCode.schema.optional(),
  ShipQty: z.number().optional(),
  ShipQtyUOM: ShipQtyUOM.schema.optional(),
  CumulativeQty: z.number().optional(),
  ShipDate: rsxDate.optional(),
  QtyLeftToReceive: z.number().optional(),
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
  NRFStandardColorAndSize: nrfStandardColorAndSizeSchema.optional(),
});
export type { ShipmentLine } from "../generated/document-types.js";

/** Subline as the Shipment document carries it: Subline without Dates, PhysicalDetails, References, Notes, FloorReady, Taxes, ChargesAllowances, Address; with SublineItemDetail. */
export const shipmentSublineSchema = sublineSchema
  .omit({
    Dates: true,
    PhysicalDetails: true,
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
export type { ShipmentSubline } from "../generated/document-types.js";

export const shipmentItemLoadSchema = z.strictObject({
  NumberOfLoads: z.number().int().optional(),
  UnitsShipped: z.number().optional(),
  PackingMedium: PackingMedium.schema.optional(),
  PackingMaterial: PackingMaterial.schema.optional(),
  LoadSize: z.number().optional(),
  LoadSizeUOM: z.string().optional(),
});
export type { ShipmentItemLoad } from "../generated/document-types.js";

export const shipmentItemLoadInfoSchema = z.strictObject({
  ItemLoad: shipmentItemLoadSchema.optional(),
  References: z.array(referencesSchema).optional(),
  Notes: z.array(notesSchema).optional(),
});
export type { ShipmentItemLoadInfo } from "../generated/document-types.js";

/** ItemLevel: at most one kind of child level (PackLevel, OrderLevel), as in SPS's schema. */
export const shipmentItemLevelSchema = z
  .strictObject({
    ShipmentLine: shipmentLineSchema.optional(),
    PhysicalDetails: z.array(physicalDetailsSchema).optional(),
    CarrierSpecialHandlingDetail: z.array(carrierSpecialHandlingDetailSchema).optional(),
    CarrierInformation: z.array(carrierInformationSchema).optional(),
    Measurements: z.array(measurementsSchema).optional(),
    PriceInformation: z.array(priceInformationSchema).optional(),
    ProductOrItemDescription: z.array(productOrItemDescriptionSchema).optional(),
    MasterItemAttribute: z.array(masterItemAttributeSchema).optional(),
    Dates: z.array(datesSchema).optional(),
    References: z.array(referencesSchema).optional(),
    Notes: z.array(notesSchema).optional(),
    Commodity: z.array(commoditySchema).optional(),
    Address: z.array(addressSchema).optional(),
    Subline: z.array(shipmentSublineSchema).optional(),
    Taxes: z.array(taxesSchema).optional(),
    ChargesAllowances: z.array(chargesAllowancesSchema).optional(),
    ItemLoadInfo: z.array(shipmentItemLoadInfoSchema).optional(),
    RegulatoryCompliances: z.array(regulatoryCompliancesSchema).optional(),
    get PackLevel(): z.ZodOptional<z.ZodArray<typeof shipmentPackLevelSchema>> {
      return z.array(shipmentPackLevelSchema).optional();
    },
    get OrderLevel(): z.ZodOptional<z.ZodArray<typeof shipmentOrderLevelSchema>> {
      return z.array(shipmentOrderLevelSchema).optional();
    },
  })
  .superRefine(atMostOneChildLevel(["PackLevel", "OrderLevel"]));
export type { ShipmentItemLevel } from "../generated/document-types.js";
