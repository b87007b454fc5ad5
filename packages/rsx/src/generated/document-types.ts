/**
 * GENERATED FILE: do not edit by hand.
 * Named types of the RSX document model, one per exported zod schema.
 * Source: the zod schemas in packages/rsx/src/schemas, read by packages/rsx/scripts/generate-types.ts.
 * Regenerate: pnpm --filter @ml-connector/rsx run generate
 * CI runs `pnpm run check:generated`, which fails when this file and the schemas drift apart, and
 * packages/rsx/test/generated-types.test.ts proves each named type equals what zod infers from its schema.
 */

import type {
  AcknowledgementType,
  ActionCode,
  AddressTypeCode,
  AgencyQualifierCode,
  AllowChrgAgencyCode,
  AllowChrgCode,
  AllowChrgHandlingCode,
  AllowChrgIndicator,
  AllowChrgPercentQual,
  AllowChrgQtyUOM,
  CarrierTransMethodCode,
  CashDiscount,
  ChangeReasonCode,
  ClassOfTradeCode,
  CommodityCodeQualifier,
  CompositeUOM,
  ContactQual,
  ContactTypeCode,
  CreditDebitFlag,
  DateTimeQualifier,
  DimensionUOM,
  EquipmentDescriptionCode,
  FOBLocationQualifier,
  FOBPayCode,
  FOBTitlePassageCode,
  InvoiceQtyUOM,
  InvoiceTsetPurposeCode,
  InvoiceTypeCode,
  ItemAttributeQualifier,
  ItemScheduleQualifier,
  ItemScheduleUOM,
  ItemStatusCode,
  JurisdictionQual,
  LeadTimeCode,
  LeadTimePeriodInterval,
  LocationCodeQualifier,
  MeasurementQualifier,
  MeasurementSignificanceCode,
  MonetaryAmountCode,
  NoteCode,
  OrderManagement,
  OrderQtyUOM,
  OwnershipCode,
  POTypeCode,
  PackQualifier,
  PackUOM,
  PackVolumeUOM,
  PackWeightUOM,
  PackingMaterial,
  PackingMedium,
  PalletExchangeCode,
  PartNumberQual,
  PaymentMethodCode,
  PriceMultiplierQual,
  PriceTypeIDCode,
  PrimaryPOTypeCode,
  ProductCharacteristicCode,
  PurchasePriceBasis,
  PurchasePriceType,
  QtyLeftToReceiveStatus,
  QtyPerUOM,
  QuantityQualifier,
  QuantityTotalsQualifier,
  QuantityUOM,
  ReferenceQual,
  RegulatoryComplianceQual,
  RelationshipCode,
  RiskOfLossCode,
  RoutingSequenceCode,
  SaleOrService,
  SealStatusCode,
  ServiceLevelCode,
  ShipCompleteCode,
  ShipQtyUOM,
  StatusCode,
  TaxExemptCode,
  TaxHandlingCode,
  TaxPercentQual,
  TaxTypeCode,
  TermsBasisDateCode,
  TermsDueDateQual,
  TermsTimeRelationCode,
  TermsType,
  TotalQtyUOM,
  TransitDirectionCode,
  TransitTimeQual,
  TransportationTermsType,
  TsetPurposeCode,
  UnitPriceBasis,
  ValueUOM,
  VolumeUOM,
  WeightQualifier,
  WeightUOM,
  YesOrNoResponse,
} from "../code-lists/index.js";

/** RSX `AdditionalContactDetails`: the output of `additionalContactDetailsSchema`. */
export type AdditionalContactDetails = {
  ContactQual?: ContactQual | undefined;
  ContactID?: string | undefined;
};

/** RSX `AdditionalPOTypeCodes`: the output of `additionalPOTypeCodesSchema`. */
export type AdditionalPOTypeCodes = {
  POTypeCode?: POTypeCode | undefined;
  POTypeDescription?: string | undefined;
};

/** RSX `Address`: the output of `addressSchema`. */
export type Address = {
  AddressTypeCode?: AddressTypeCode | undefined;
  LocationCodeQualifier?: LocationCodeQualifier | undefined;
  AddressLocationNumber?: string | undefined;
  AddressName?: string | undefined;
  AddressAlternateName?: string | undefined;
  AddressAlternateName2?: string | undefined;
  Address1?: string | undefined;
  Address2?: string | undefined;
  Address3?: string | undefined;
  Address4?: string | undefined;
  City?: string | undefined;
  State?: string | undefined;
  PostalCode?: string | undefined;
  Country?: string | undefined;
  LocationID?: string | undefined;
  CountrySubDivision?: string | undefined;
  AddressTaxIdNumber?: string | undefined;
  AddressTaxExemptNumber?: string | undefined;
  References?: References[] | undefined;
  Contacts?: Contacts[] | undefined;
  Dates?: Dates[] | undefined;
};

/** RSX `CarrierInformation`: the output of `carrierInformationSchema`. */
export type CarrierInformation = {
  StatusCode?: StatusCode | undefined;
  CarrierTransMethodCode?: CarrierTransMethodCode | undefined;
  CarrierAlphaCode?: string | undefined;
  CarrierRouting?: string | undefined;
  EquipmentDescriptionCode?: EquipmentDescriptionCode | undefined;
  CarrierEquipmentInitial?: string | undefined;
  CarrierEquipmentNumber?: string | undefined;
  EquipmentType?: string | undefined;
  OwnershipCode?: OwnershipCode | undefined;
  RoutingSequenceCode?: RoutingSequenceCode | undefined;
  TransitDirectionCode?: TransitDirectionCode | undefined;
  TransitTimeQual?: TransitTimeQual | undefined;
  TransitTime?: number | undefined;
  ServiceLevelCodes?: ServiceLevelCodes[] | undefined;
  Address?: CarrierInformationAddress[] | undefined;
  SealNumbers?: SealNumbers[] | undefined;
};

/** RSX `CarrierInformationAddress`: the output of `carrierInformationAddressSchema`. */
export type CarrierInformationAddress = {
  AddressTypeCode?: AddressTypeCode | undefined;
  LocationCodeQualifier?: LocationCodeQualifier | undefined;
  AddressLocationNumber?: string | undefined;
  AddressName?: string | undefined;
  AddressAlternateName?: string | undefined;
  AddressAlternateName2?: string | undefined;
  Address1?: string | undefined;
  Address2?: string | undefined;
  Address3?: string | undefined;
  Address4?: string | undefined;
  City?: string | undefined;
  State?: string | undefined;
  PostalCode?: string | undefined;
  Country?: string | undefined;
  LocationID?: string | undefined;
  CountrySubDivision?: string | undefined;
  AddressTaxIdNumber?: string | undefined;
  AddressTaxExemptNumber?: string | undefined;
  Dates?: Dates[] | undefined;
};

/** RSX `CarrierSpecialHandlingDetail`: the output of `carrierSpecialHandlingDetailSchema`. */
export type CarrierSpecialHandlingDetail = {
  SpecialHandlingCode?: string | undefined;
  HazardousMaterialCode?: string | undefined;
  HazardousMaterialClass?: string | undefined;
  Description?: string | undefined;
  YesOrNoResponse?: YesOrNoResponse | undefined;
};

/** RSX `ChargesAllowances`: the output of `chargesAllowancesSchema`. */
export type ChargesAllowances = {
  AllowChrgIndicator?: AllowChrgIndicator | undefined;
  AllowChrgCode?: AllowChrgCode | undefined;
  AllowChrgAgencyCode?: AllowChrgAgencyCode | undefined;
  AllowChrgAgency?: string | undefined;
  AllowChrgAmt?: number | undefined;
  AllowChrgPercentQual?: AllowChrgPercentQual | undefined;
  AllowChrgPercent?: number | undefined;
  PercentDollarBasis?: number | undefined;
  AllowChrgRate?: number | undefined;
  AllowChrgQtyUOM?: AllowChrgQtyUOM | undefined;
  AllowChrgQty?: number | undefined;
  AllowChrgHandlingCode?: AllowChrgHandlingCode | undefined;
  ReferenceIdentification?: string | undefined;
  AllowChrgHandlingDescription?: string | undefined;
  OptionNumber?: string | undefined;
  ExceptionNumber?: string | undefined;
  AllowChrgQty2?: number | undefined;
  LanguageCode?: string | undefined;
  CalculationSequence?: number | undefined;
  Taxes?: Taxes[] | undefined;
};

/** RSX `Commodity`: the output of `commoditySchema`. */
export type Commodity = {
  CommodityCodeQualifier?: CommodityCodeQualifier | undefined;
  CommodityCode?: string | undefined;
};

/** RSX `ConditionOfSale`: the output of `conditionOfSaleSchema`. */
export type ConditionOfSale = {
  LineSequenceNumber?: string | undefined;
  SalesRequirementCode?: string | undefined;
  ActionCode?: ActionCode | undefined;
  Amount?: number | undefined;
  AccountNumber?: string | undefined;
  Date?: string | undefined;
  AgencyQualifierCode?: AgencyQualifierCode | undefined;
  SubstitutionCode?: string | undefined;
  ApplicationId?: string | undefined;
  BuyerPartNumber?: string | undefined;
  VendorPartNumber?: string | undefined;
  ConsumerPackageCode?: string | undefined;
  EAN?: string | undefined;
  GTIN?: string | undefined;
  UPCCaseCode?: string | undefined;
  NatlDrugCode?: string | undefined;
  InternationalStandardBookNumber?: string | undefined;
  ProductID?: ProductID[] | undefined;
};

/** RSX `Contacts`: the output of `contactsSchema`. */
export type Contacts = {
  ContactTypeCode?: ContactTypeCode | undefined;
  ContactName?: string | undefined;
  PrimaryPhone?: string | undefined;
  PrimaryFax?: string | undefined;
  PrimaryEmail?: string | undefined;
  AdditionalContactDetails?: AdditionalContactDetails[] | undefined;
  ContactReference?: string | undefined;
};

/** RSX `Dates`: the output of `datesSchema`. */
export type Dates = {
  DateTimeQualifier?: DateTimeQualifier | undefined;
  Date?: string | undefined;
  Time?: string | undefined;
  DateTimePeriod?: string | undefined;
};

/** RSX `FloorReady`: the output of `floorReadySchema`. */
export type FloorReady = {
  FloorReadyRequired?: string | undefined;
  FloorReadyTypeCode?: string | undefined;
  FloorReadyDescription?: string | undefined;
  FloorReadyID?: string | undefined;
};

/** RSX `FOBRelatedInstruction`: the output of `fobRelatedInstructionSchema`. */
export type FOBRelatedInstruction = {
  FOBPayCode?: FOBPayCode | undefined;
  FOBLocationQualifier?: FOBLocationQualifier | undefined;
  FOBLocationDescription?: string | undefined;
  FOBTitlePassageCode?: FOBTitlePassageCode | undefined;
  FOBTitlePassageLocation?: string | undefined;
  TransportationTermsType?: TransportationTermsType | undefined;
  TransportationTerms?: string | undefined;
  RiskOfLossCode?: RiskOfLossCode | undefined;
  Description?: string | undefined;
};

/** RSX `Invoice`: the output of `invoiceSchema`. */
export type Invoice = {
  Meta?: RsxMeta | undefined;
  Header: InvoiceHeaderGroup;
  LineItem?: InvoiceLineItem[] | undefined;
  Summary?: InvoiceSummary | undefined;
};

/** RSX `InvoiceCarrierInformation`: the output of `invoiceCarrierInformationSchema`. */
export type InvoiceCarrierInformation = {
  StatusCode?: StatusCode | undefined;
  CarrierTransMethodCode?: CarrierTransMethodCode | undefined;
  CarrierAlphaCode?: string | undefined;
  CarrierRouting?: string | undefined;
  EquipmentDescriptionCode?: EquipmentDescriptionCode | undefined;
  CarrierEquipmentInitial?: string | undefined;
  CarrierEquipmentNumber?: string | undefined;
  EquipmentType?: string | undefined;
  OwnershipCode?: OwnershipCode | undefined;
  RoutingSequenceCode?: RoutingSequenceCode | undefined;
  TransitDirectionCode?: TransitDirectionCode | undefined;
  TransitTimeQualifier?: string | undefined;
  TransitTime?: number | undefined;
  ServiceLevelCodes?: ServiceLevelCodes[] | undefined;
  Address?: CarrierInformationAddress[] | undefined;
  SealNumbers?: SealNumbers[] | undefined;
};

/** RSX `InvoiceHeader`: the output of `invoiceHeaderSchema`. */
export type InvoiceHeader = {
  TradingPartnerId: string;
  InvoiceNumber: string;
  InvoiceDate?: string | undefined;
  InvoiceTime?: string | undefined;
  PurchaseOrderDate?: string | undefined;
  PurchaseOrderNumber?: string | undefined;
  PrimaryPOTypeCode?: PrimaryPOTypeCode | undefined;
  PrimaryPOTypeDescription?: string | undefined;
  AdditionalPOTypeCodes?: AdditionalPOTypeCodes[] | undefined;
  ReleaseNumber?: string | undefined;
  InvoiceTypeCode?: InvoiceTypeCode | undefined;
  TsetPurposeCode?: InvoiceTsetPurposeCode | undefined;
  ActionCode?: ActionCode | undefined;
  BuyersCurrency?: string | undefined;
  SellersCurrency?: string | undefined;
  ExchangeRate?: number | undefined;
  InternalOrderNumber?: string | undefined;
  InternalOrderDate?: string | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Vendor?: string | undefined;
  JobNumber?: string | undefined;
  Division?: string | undefined;
  CustomerAccountNumber?: string | undefined;
  CustomerOrderNumber?: string | undefined;
  CarrierProNumber?: string | undefined;
  BillOfLadingNumber?: string | undefined;
  ShipDate?: string | undefined;
  ShipTime?: string | undefined;
  ShipDeliveryDate?: string | undefined;
  ShipDeliveryTime?: string | undefined;
  LanguageCode?: string | undefined;
  DocumentVersion?: string | undefined;
  DocumentRevision?: string | undefined;
};

/** RSX `InvoiceHeaderGroup`: the output of `invoiceHeaderGroupSchema`. */
export type InvoiceHeaderGroup = {
  InvoiceHeader: InvoiceHeader;
  PaymentTerms?: PaymentTerms[] | undefined;
  Dates?: Dates[] | undefined;
  Contacts?: Contacts[] | undefined;
  Address?: Address[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Commodity?: Commodity[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  FOBRelatedInstruction?: FOBRelatedInstruction[] | undefined;
  CarrierInformation?: InvoiceCarrierInformation[] | undefined;
  QuantityTotals?: QuantityTotals[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `InvoiceLine`: the output of `invoiceLineSchema`. */
export type InvoiceLine = {
  LineSequenceNumber?: string | undefined;
  ApplicationId?: string | undefined;
  BuyerPartNumber?: string | undefined;
  VendorPartNumber?: string | undefined;
  ConsumerPackageCode?: string | undefined;
  EAN?: string | undefined;
  GTIN?: string | undefined;
  UPCCaseCode?: string | undefined;
  NatlDrugCode?: string | undefined;
  InternationalStandardBookNumber?: string | undefined;
  ProductID?: ProductID[] | undefined;
  InvoiceQty?: number | undefined;
  InvoiceQtyUOM?: InvoiceQtyUOM | undefined;
  OrderQty?: number | undefined;
  OrderQtyUOM?: OrderQtyUOM | undefined;
  PurchasePriceType?: PurchasePriceType | undefined;
  PurchasePrice?: number | undefined;
  PurchasePriceBasis?: PurchasePriceBasis | undefined;
  ShipQty?: number | undefined;
  ShipQtyUOM?: ShipQtyUOM | undefined;
  ShipDate?: string | undefined;
  QtyLeftToReceive?: number | undefined;
  QtyLeftToReceiveStatus?: QtyLeftToReceiveStatus | undefined;
  ExtendedItemTotal?: number | undefined;
  ProductSizeCode?: string | undefined;
  ProductSizeDescription?: string | undefined;
  ProductColorCode?: string | undefined;
  ProductColorDescription?: string | undefined;
  ProductMaterialCode?: string | undefined;
  ProductMaterialDescription?: string | undefined;
  ProductProcessCode?: string | undefined;
  ProductProcessDescription?: string | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Class?: string | undefined;
  SellerDateCode?: string | undefined;
  CashDiscount?: CashDiscount | undefined;
  SaleOrService?: SaleOrService | undefined;
  NRFStandardColorAndSize?: NRFStandardColorAndSize | undefined;
};

/** RSX `InvoiceLineItem`: the output of `invoiceLineItemSchema`. */
export type InvoiceLineItem = {
  InvoiceLine?: InvoiceLine | undefined;
  Measurements?: Measurements[] | undefined;
  PriceInformation?: PriceInformation[] | undefined;
  ProductOrItemDescription?: ProductOrItemDescription[] | undefined;
  MasterItemAttribute?: MasterItemAttribute[] | undefined;
  PhysicalDetails?: PhysicalDetails[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Commodity?: Commodity[] | undefined;
  Dates?: Dates[] | undefined;
  CarrierInformation?: InvoiceCarrierInformation[] | undefined;
  Subline?: InvoiceSubline[] | undefined;
  Address?: Address[] | undefined;
  QuantitiesSchedulesLocations?: QuantitiesSchedulesLocations[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `InvoiceSubline`: the output of `invoiceSublineSchema`. */
export type InvoiceSubline = {
  SublineItemDetail?: ShipmentInvoiceSublineItemDetail | undefined;
  PriceInformation?: PriceInformation[] | undefined;
  ProductOrItemDescription?: ProductOrItemDescription[] | undefined;
  PhysicalDetails?: PhysicalDetails[] | undefined;
  Commodity?: Commodity[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `InvoiceSummary`: the output of `invoiceSummarySchema`. */
export type InvoiceSummary = {
  TotalAmount?: number | undefined;
  TotalSalesAmount?: number | undefined;
  TotalFreightCharges?: number | undefined;
  TotalNonFreightCharges?: number | undefined;
  TotalTaxesAndCharges?: number | undefined;
  TotalTermsDiscountAmount?: number | undefined;
  TotalAllowancesAmount?: number | undefined;
  TotalCartonCount?: number | undefined;
  TotalLineItemNumber?: number | undefined;
  InvoiceAmtDueByTermsDate?: number | undefined;
  TotalChargesAmount?: number | undefined;
  SignatureIdentification?: string | undefined;
  SignatureName?: string | undefined;
  IntegrityCheckValue?: string | undefined;
};

/** RSX `ItemAttribute`: the output of `itemAttributeSchema`. */
export type ItemAttribute = {
  ItemAttributeQualifier?: ItemAttributeQualifier | undefined;
  Value?: number | undefined;
  ValueUOM?: ValueUOM | undefined;
  Description?: string | undefined;
  YesOrNoResponse?: YesOrNoResponse | undefined;
  Measurements?: Measurements[] | undefined;
};

/** RSX `LeadTime`: the output of `leadTimeSchema`. */
export type LeadTime = {
  LeadTimeCode?: LeadTimeCode | undefined;
  LeadTimeQuantity?: number | undefined;
  LeadTimePeriodInterval?: LeadTimePeriodInterval | undefined;
  LeadTimeDate?: string | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
};

/** RSX `LocationQuantity`: the output of `locationQuantitySchema`. */
export type LocationQuantity = {
  Location?: string | undefined;
  Qty?: number | undefined;
};

/** RSX `MarksAndNumbersCollection`: the output of `marksAndNumbersCollectionSchema`. */
export type MarksAndNumbersCollection = {
  MarksAndNumbersQualifier1?: string | undefined;
  MarksAndNumbers1?: string | undefined;
};

/** RSX `MasterItemAttribute`: the output of `masterItemAttributeSchema`. */
export type MasterItemAttribute = {
  ItemAttribute: ItemAttribute[];
};

/** RSX `Measurements`: the output of `measurementsSchema`. */
export type Measurements = {
  MeasurementRefIDCode?: string | undefined;
  MeasurementQualifier?: MeasurementQualifier | undefined;
  MeasurementValue?: number | undefined;
  CompositeUOM?: CompositeUOM | undefined;
  RangeMinimum?: number | undefined;
  RangeMaximum?: number | undefined;
  MeasurementSignificanceCode?: MeasurementSignificanceCode | undefined;
  MeasurementAttributeCode?: string | undefined;
  SurfaceLayerPositionCode?: string | undefined;
  IndustryCodeQualifier?: string | undefined;
  IndustryCode?: string | undefined;
};

/** RSX `MonetaryAmounts`: the output of `monetaryAmountsSchema`. */
export type MonetaryAmounts = {
  MonetaryAmountCode?: MonetaryAmountCode | undefined;
  MonetaryAmount?: number | undefined;
  CreditDebitFlag?: CreditDebitFlag | undefined;
};

/** RSX `Notes`: the output of `notesSchema`. */
export type Notes = {
  NoteCode?: NoteCode | undefined;
  Note?: string | undefined;
  LanguageCode?: string | undefined;
};

/** RSX `NRFStandardColorAndSize`: the output of `nrfStandardColorAndSizeSchema`. */
export type NRFStandardColorAndSize = {
  NRFColorCode?: string | undefined;
  ColorCategoryName?: string | undefined;
  ColorPrimaryDescription?: string | undefined;
  NRFSizeCode?: string | undefined;
  SizeCategoryName?: string | undefined;
  SizePrimaryDescription?: string | undefined;
  SizeSecondaryDescription?: string | undefined;
  SizeTableName?: string | undefined;
  SizeHeading1?: string | undefined;
  SizeHeading2?: string | undefined;
  SizeHeading3?: string | undefined;
  SizeHeading4?: string | undefined;
};

/** RSX `Order`: the output of `orderSchema`. */
export type Order = {
  Meta?: RsxMeta | undefined;
  Header: OrderHeaderGroup;
  LineItem?: OrderLineItem[] | undefined;
  Summary?: OrderSummary | undefined;
};

/** RSX `OrderAck`: the output of `orderAckSchema`. */
export type OrderAck = {
  Meta?: RsxMeta | undefined;
  Header: OrderAckHeaderGroup;
  LineItem?: OrderAckLineItem[] | undefined;
  Summary?: OrderAckSummary | undefined;
};

/** RSX `OrderAckHeaderGroup`: the output of `orderAckHeaderGroupSchema`. */
export type OrderAckHeaderGroup = {
  OrderHeader: OrderAckOrderHeader;
  PaymentTerms?: PaymentTerms[] | undefined;
  Dates?: Dates[] | undefined;
  Contacts?: Contacts[] | undefined;
  Address?: Address[] | undefined;
  FOBRelatedInstruction?: FOBRelatedInstruction[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Commodity?: Commodity[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  MonetaryAmounts?: MonetaryAmounts[] | undefined;
  QuantityAndWeight?: QuantityAndWeight[] | undefined;
  QuantityTotals?: QuantityTotals[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `OrderAckLineItem`: the output of `orderAckLineItemSchema`. */
export type OrderAckLineItem = {
  OrderLine?: OrderLine | undefined;
  LineItemAcknowledgement?: OrderAckLineItemAcknowledgement[] | undefined;
  Dates?: Dates[] | undefined;
  Measurements?: Measurements[] | undefined;
  PriceInformation?: PriceInformation[] | undefined;
  ProductOrItemDescription?: ProductOrItemDescription[] | undefined;
  MasterItemAttribute?: MasterItemAttribute[] | undefined;
  PhysicalDetails?: PhysicalDetails[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Commodity?: Commodity[] | undefined;
  Address?: Address[] | undefined;
  Subline?: OrderAckSubline[] | undefined;
  QuantitiesSchedulesLocations?: QuantitiesSchedulesLocations[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  FOBRelatedInstruction?: FOBRelatedInstruction[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `OrderAckLineItemAcknowledgement`: the output of `orderAckLineItemAcknowledgementSchema`. */
export type OrderAckLineItemAcknowledgement = {
  LineSequenceNumber?: string | undefined;
  ItemStatusCode?: ItemStatusCode | undefined;
  ItemScheduleQty?: number | undefined;
  ItemScheduleUOM?: ItemScheduleUOM | undefined;
  ItemScheduleQualifier?: ItemScheduleQualifier | undefined;
  ItemScheduleDate?: string | undefined;
  BuyerPartNumber?: string | undefined;
  VendorPartNumber?: string | undefined;
  ConsumerPackageCode?: string | undefined;
  EAN?: string | undefined;
  GTIN?: string | undefined;
  UPCCaseCode?: string | undefined;
  NatlDrugCode?: string | undefined;
  InternationalStandardBookNumber?: string | undefined;
  ProductID?: ProductID[] | undefined;
  PurchasePriceType?: PurchasePriceType | undefined;
  PurchasePrice?: number | undefined;
  PurchasePriceBasis?: PurchasePriceBasis | undefined;
  BuyersCurrency?: string | undefined;
  SellersCurrency?: string | undefined;
  ExchangeRate?: number | undefined;
  ExtendedItemTotal?: number | undefined;
  ProductSizeCode?: string | undefined;
  ProductSizeDescription?: string | undefined;
  ProductColorCode?: string | undefined;
  ProductColorDescription?: string | undefined;
  ProductMaterialCode?: string | undefined;
  ProductMaterialDescription?: string | undefined;
  ProductProcessCode?: string | undefined;
  ProductProcessDescription?: string | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Class?: string | undefined;
  Gender?: string | undefined;
  IndustryCode?: string | undefined;
};

/** RSX `OrderAckOrderHeader`: the output of `orderAckOrderHeaderSchema`. */
export type OrderAckOrderHeader = {
  TradingPartnerId: string;
  PurchaseOrderNumber: string;
  TsetPurposeCode?: TsetPurposeCode | undefined;
  PrimaryPOTypeCode?: PrimaryPOTypeCode | undefined;
  PrimaryPOTypeDescription?: string | undefined;
  AdditionalPOTypeCodes?: AdditionalPOTypeCodes[] | undefined;
  PurchaseOrderDate?: string | undefined;
  PurchaseOrderTime?: string | undefined;
  ReleaseNumber?: string | undefined;
  AcknowledgementNumber?: string | undefined;
  AcknowledgementType?: AcknowledgementType | undefined;
  ShipCompleteCode?: ShipCompleteCode | undefined;
  InternalOrderNumber?: string | undefined;
  InternalOrderDate?: string | undefined;
  AcknowledgementDate?: string | undefined;
  AcknowledgementTime?: string | undefined;
  BuyersCurrency?: string | undefined;
  SellersCurrency?: string | undefined;
  ExchangeRate?: number | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Vendor?: string | undefined;
  JobNumber?: string | undefined;
  Division?: string | undefined;
  CustomerAccountNumber?: string | undefined;
  CustomerOrderNumber?: string | undefined;
  DocumentVersion?: string | undefined;
  DocumentRevision?: string | undefined;
};

/** RSX `OrderAckSubline`: the output of `orderAckSublineSchema`. */
export type OrderAckSubline = {
  SublineItemDetail?: SublineItemDetail | undefined;
  Dates?: Dates[] | undefined;
  PriceInformation?: PriceInformation[] | undefined;
  ProductOrItemDescription?: ProductOrItemDescription[] | undefined;
  PhysicalDetails?: PhysicalDetails[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  Address?: Address[] | undefined;
  Commodity?: Commodity[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `OrderAckSummary`: the output of `orderAckSummarySchema`. */
export type OrderAckSummary = {
  TotalAmount?: number | undefined;
  TotalLineItemNumber?: number | undefined;
};

/** RSX `OrderChange`: the output of `orderChangeSchema`. */
export type OrderChange = {
  Meta?: RsxMeta | undefined;
  Header: OrderChangeHeaderGroup;
  LineItem?: OrderChangeLineItem[] | undefined;
  Summary?: OrderChangeSummary | undefined;
};

/** RSX `OrderChangeHeaderGroup`: the output of `orderChangeHeaderGroupSchema`. */
export type OrderChangeHeaderGroup = {
  OrderHeader: OrderChangeOrderHeader;
  PaymentTerms?: PaymentTerms[] | undefined;
  Dates?: Dates[] | undefined;
  Contacts?: Contacts[] | undefined;
  Address?: Address[] | undefined;
  FOBRelatedInstruction?: FOBRelatedInstruction[] | undefined;
  Commodity?: Commodity[] | undefined;
  Measurements?: Measurements[] | undefined;
  Paperwork?: Paperwork[] | undefined;
  Packaging?: Packaging[] | undefined;
  QuantityAndWeight?: QuantityAndWeight[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  MarksAndNumbersCollection?: MarksAndNumbersCollection[] | undefined;
  RestrictionsOrConditions?: RestrictionsOrConditions[] | undefined;
  LeadTime?: LeadTime[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  MonetaryAmounts?: MonetaryAmounts[] | undefined;
  QuantityTotals?: QuantityTotals[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `OrderChangeLineItem`: the output of `orderChangeLineItemSchema`. */
export type OrderChangeLineItem = {
  OrderLine?: OrderChangeOrderLine | undefined;
  Contacts?: Contacts[] | undefined;
  Dates?: Dates[] | undefined;
  Measurements?: Measurements[] | undefined;
  PriceInformation?: PriceInformation[] | undefined;
  ProductOrItemDescription?: ProductOrItemDescription[] | undefined;
  MasterItemAttribute?: MasterItemAttribute[] | undefined;
  Paperwork?: Paperwork[] | undefined;
  PhysicalDetails?: PhysicalDetails[] | undefined;
  PalletInformation?: PalletInformation[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  FloorReady?: FloorReady[] | undefined;
  Address?: Address[] | undefined;
  Subline?: Subline[] | undefined;
  QuantitiesSchedulesLocations?: QuantitiesSchedulesLocations[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  PaymentTerms?: PaymentTerms[] | undefined;
  ConditionOfSale?: ConditionOfSale[] | undefined;
  FOBRelatedInstruction?: FOBRelatedInstruction[] | undefined;
  Commodity?: Commodity[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  MarksAndNumbersCollection?: MarksAndNumbersCollection[] | undefined;
  RestrictionsOrConditions?: RestrictionsOrConditions[] | undefined;
  Packaging?: Packaging[] | undefined;
  MonetaryAmounts?: MonetaryAmounts[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `OrderChangeOrderHeader`: the output of `orderChangeOrderHeaderSchema`. */
export type OrderChangeOrderHeader = {
  TradingPartnerId: string;
  PurchaseOrderNumber: string;
  TsetPurposeCode?: TsetPurposeCode | undefined;
  PrimaryPOTypeCode?: PrimaryPOTypeCode | undefined;
  PrimaryPOTypeDescription?: string | undefined;
  AdditionalPOTypeCodes?: AdditionalPOTypeCodes[] | undefined;
  ReleaseNumber?: string | undefined;
  ChangeOrderSeqNumber?: string | undefined;
  PurchaseOrderDate?: string | undefined;
  POChangeDate?: string | undefined;
  ContractType?: string | undefined;
  AcknowledgementType?: string | undefined;
  ShipCompleteCode?: ShipCompleteCode | undefined;
  BuyersCurrency?: string | undefined;
  SellersCurrency?: string | undefined;
  ExchangeRate?: number | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Vendor?: string | undefined;
  JobNumber?: string | undefined;
  Division?: string | undefined;
  CustomerAccountNumber?: string | undefined;
  CustomerOrderNumber?: string | undefined;
  DocumentVersion?: string | undefined;
  DocumentRevision?: string | undefined;
};

/** RSX `OrderChangeOrderLine`: the output of `orderChangeOrderLineSchema`. */
export type OrderChangeOrderLine = {
  LineSequenceNumber?: string | undefined;
  ApplicationId?: string | undefined;
  BuyerPartNumber?: string | undefined;
  VendorPartNumber?: string | undefined;
  ConsumerPackageCode?: string | undefined;
  EAN?: string | undefined;
  GTIN?: string | undefined;
  UPCCaseCode?: string | undefined;
  NatlDrugCode?: string | undefined;
  InternationalStandardBookNumber?: string | undefined;
  ProductID?: ProductID[] | undefined;
  LineChangeCode?: string | undefined;
  OrderQty?: number | undefined;
  OrderQtyUOM?: OrderQtyUOM | undefined;
  PreviousOrderQty?: number | undefined;
  VarianceQty?: number | undefined;
  PurchasePriceType?: PurchasePriceType | undefined;
  PurchasePrice?: number | undefined;
  PurchasePriceBasis?: PurchasePriceBasis | undefined;
  BuyersCurrency?: string | undefined;
  SellersCurrency?: string | undefined;
  ExchangeRate?: number | undefined;
  ShipDate?: string | undefined;
  ExtendedItemTotal?: number | undefined;
  ProductSizeCode?: string | undefined;
  ProductSizeDescription?: string | undefined;
  ProductColorCode?: string | undefined;
  ProductColorDescription?: string | undefined;
  ProductMaterialCode?: string | undefined;
  ProductMaterialDescription?: string | undefined;
  ProductProcessCode?: string | undefined;
  ProductProcessDescription?: string | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Class?: string | undefined;
  Gender?: string | undefined;
  SellerDateCode?: string | undefined;
  NRFStandardColorAndSize?: NRFStandardColorAndSize | undefined;
};

/** RSX `OrderChangeSummary`: the output of `orderChangeSummarySchema`. */
export type OrderChangeSummary = {
  TotalAmount?: number | undefined;
  TotalLineItemNumber?: number | undefined;
};

/** RSX `OrderHeader`: the output of `orderHeaderSchema`. */
export type OrderHeader = {
  TradingPartnerId: string;
  PurchaseOrderNumber: string;
  DepositorOrderNumber?: string | undefined;
  TsetPurposeCode?: TsetPurposeCode | undefined;
  PrimaryPOTypeCode?: PrimaryPOTypeCode | undefined;
  PrimaryPOTypeDescription?: string | undefined;
  AdditionalPOTypeCodes?: AdditionalPOTypeCodes[] | undefined;
  ReleaseNumber?: string | undefined;
  PurchaseOrderDate?: string | undefined;
  PurchaseOrderTime?: string | undefined;
  ContractType?: string | undefined;
  SalesRequirementCode?: string | undefined;
  AcknowledgementType?: string | undefined;
  InvoiceTypeCode?: string | undefined;
  ShipCompleteCode?: ShipCompleteCode | undefined;
  BuyersCurrency?: string | undefined;
  SellersCurrency?: string | undefined;
  ExchangeRate?: number | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Vendor?: string | undefined;
  JobNumber?: string | undefined;
  Division?: string | undefined;
  CustomerAccountNumber?: string | undefined;
  CustomerOrderNumber?: string | undefined;
  DocumentVersion?: string | undefined;
  DocumentRevision?: string | undefined;
};

/** RSX `OrderHeaderGroup`: the output of `orderHeaderGroupSchema`. */
export type OrderHeaderGroup = {
  OrderHeader: OrderHeader;
  PaymentTerms?: PaymentTerms[] | undefined;
  Dates?: Dates[] | undefined;
  Contacts?: Contacts[] | undefined;
  Address?: Address[] | undefined;
  FOBRelatedInstruction?: FOBRelatedInstruction[] | undefined;
  Commodity?: Commodity[] | undefined;
  Measurements?: Measurements[] | undefined;
  Paperwork?: Paperwork[] | undefined;
  Packaging?: Packaging[] | undefined;
  QuantityAndWeight?: QuantityAndWeight[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  CarrierSpecialHandlingDetail?: CarrierSpecialHandlingDetail[] | undefined;
  MarksAndNumbersCollection?: MarksAndNumbersCollection[] | undefined;
  RestrictionsOrConditions?: RestrictionsOrConditions[] | undefined;
  LeadTime?: LeadTime[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  MonetaryAmounts?: MonetaryAmounts[] | undefined;
  QuantityTotals?: QuantityTotals[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `OrderLine`: the output of `orderLineSchema`. */
export type OrderLine = {
  LineSequenceNumber?: string | undefined;
  ApplicationId?: string | undefined;
  BuyerPartNumber?: string | undefined;
  VendorPartNumber?: string | undefined;
  ConsumerPackageCode?: string | undefined;
  EAN?: string | undefined;
  GTIN?: string | undefined;
  UPCCaseCode?: string | undefined;
  NatlDrugCode?: string | undefined;
  InternationalStandardBookNumber?: string | undefined;
  ProductID?: ProductID[] | undefined;
  OrderQty?: number | undefined;
  OrderQtyUOM?: OrderQtyUOM | undefined;
  PurchasePriceType?: PurchasePriceType | undefined;
  PurchasePrice?: number | undefined;
  PurchasePriceBasis?: PurchasePriceBasis | undefined;
  BuyersCurrency?: string | undefined;
  SellersCurrency?: string | undefined;
  ExchangeRate?: number | undefined;
  ShipDate?: string | undefined;
  ExtendedItemTotal?: number | undefined;
  ProductSizeCode?: string | undefined;
  ProductSizeDescription?: string | undefined;
  ProductColorCode?: string | undefined;
  ProductColorDescription?: string | undefined;
  ProductMaterialCode?: string | undefined;
  ProductMaterialDescription?: string | undefined;
  ProductProcessCode?: string | undefined;
  ProductProcessDescription?: string | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Class?: string | undefined;
  Gender?: string | undefined;
  SellerDateCode?: string | undefined;
  NRFStandardColorAndSize?: NRFStandardColorAndSize | undefined;
};

/** RSX `OrderLineItem`: the output of `orderLineItemSchema`. */
export type OrderLineItem = {
  OrderLine?: OrderLine | undefined;
  Contacts?: Contacts[] | undefined;
  Dates?: Dates[] | undefined;
  Measurements?: Measurements[] | undefined;
  PriceInformation?: PriceInformation[] | undefined;
  ProductOrItemDescription?: ProductOrItemDescription[] | undefined;
  MasterItemAttribute?: MasterItemAttribute[] | undefined;
  Paperwork?: Paperwork[] | undefined;
  PhysicalDetails?: PhysicalDetails[] | undefined;
  PalletInformation?: PalletInformation[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  FloorReady?: FloorReady[] | undefined;
  Address?: Address[] | undefined;
  Subline?: Subline[] | undefined;
  QuantitiesSchedulesLocations?: QuantitiesSchedulesLocations[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  PaymentTerms?: PaymentTerms[] | undefined;
  ConditionOfSale?: ConditionOfSale[] | undefined;
  FOBRelatedInstruction?: FOBRelatedInstruction[] | undefined;
  Commodity?: Commodity[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  CarrierSpecialHandlingDetail?: CarrierSpecialHandlingDetail[] | undefined;
  MarksAndNumbersCollection?: MarksAndNumbersCollection[] | undefined;
  RestrictionsOrConditions?: RestrictionsOrConditions[] | undefined;
  Packaging?: Packaging[] | undefined;
  MonetaryAmounts?: MonetaryAmounts[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `OrderSummary`: the output of `orderSummarySchema`. */
export type OrderSummary = {
  TotalAmount?: number | undefined;
  TotalLineItemNumber?: number | undefined;
  Description?: string | undefined;
};

/** RSX `Packaging`: the output of `packagingSchema`. */
export type Packaging = {
  PackagingCharacteristicCode?: string | undefined;
  AgencyQualifierCode?: AgencyQualifierCode | undefined;
  PackagingDescriptionCode?: string | undefined;
  PackagingDescription?: string | undefined;
  UnitLoadOptionCode?: string | undefined;
  Measurements?: Measurements[] | undefined;
};

/** RSX `PalletInformation`: the output of `palletInformationSchema`. */
export type PalletInformation = {
  PalletQualifier?: string | undefined;
  PalletValue?: number | undefined;
  PalletTypeCode?: string | undefined;
  PalletTiers?: number | undefined;
  PalletBlocks?: number | undefined;
  UnitWeight?: number | undefined;
  UnitWeightUOM?: string | undefined;
  Length?: number | undefined;
  Width?: number | undefined;
  Height?: number | undefined;
  DimensionUOM?: DimensionUOM | undefined;
  WeightQualifier?: WeightQualifier | undefined;
  PalletWeight?: number | undefined;
  PalletWeightUOM?: string | undefined;
  PalletVolume?: number | undefined;
  PalletVolumeUOM?: string | undefined;
  UnloadedHeight?: number | undefined;
  UnloadedHeightUOM?: string | undefined;
  PalletExchangeCode?: PalletExchangeCode | undefined;
  PalletStructureCode?: string | undefined;
};

/** RSX `Paperwork`: the output of `paperworkSchema`. */
export type Paperwork = {
  ReportTypeCode?: string | undefined;
  ReportTransmissionCode?: string | undefined;
  ReportCopiesNeeded?: number | undefined;
  AddressTypeCode?: AddressTypeCode | undefined;
  LocationCodeQualifier?: LocationCodeQualifier | undefined;
  LocationNumber?: string | undefined;
  Description?: string | undefined;
  ActionsIndicated?: string | undefined;
  RequestCategoryCode?: string | undefined;
};

/** RSX `PaymentTerms`: the output of `paymentTermsSchema`. */
export type PaymentTerms = {
  TermsType?: TermsType | undefined;
  TermsBasisDateCode?: TermsBasisDateCode | undefined;
  TermsTimeRelationCode?: TermsTimeRelationCode | undefined;
  TermsDiscountPercentage?: number | undefined;
  TermsDiscountDate?: string | undefined;
  TermsDiscountDueDays?: number | undefined;
  TermsNetDueDate?: string | undefined;
  TermsNetDueDays?: number | undefined;
  TermsDiscountAmount?: number | undefined;
  TermsDeferredDueDate?: string | undefined;
  TermsDeferredAmountDue?: number | undefined;
  PercentOfInvoicePayable?: number | undefined;
  TermsDescription?: string | undefined;
  TermsDueDay?: number | undefined;
  PaymentMethodCode?: PaymentMethodCode | undefined;
  PaymentMethodID?: string | undefined;
  LatePaymentChargePercent?: number | undefined;
  TermsStartDate?: string | undefined;
  TermsDueDateQual?: TermsDueDateQual | undefined;
  AmountSubjectToDiscount?: number | undefined;
  DiscountAmountDue?: number | undefined;
};

/** RSX `PhysicalDetails`: the output of `physicalDetailsSchema`. */
export type PhysicalDetails = {
  PackQualifier?: PackQualifier | undefined;
  PackValue?: number | undefined;
  PackSize?: number | undefined;
  PackUOM?: PackUOM | undefined;
  PackingMedium?: PackingMedium | undefined;
  PackingMaterial?: PackingMaterial | undefined;
  WeightQualifier?: WeightQualifier | undefined;
  PackWeight?: number | undefined;
  PackWeightUOM?: PackWeightUOM | undefined;
  PackVolume?: number | undefined;
  PackVolumeUOM?: PackVolumeUOM | undefined;
  PackLength?: number | undefined;
  PackWidth?: number | undefined;
  PackHeight?: number | undefined;
  DimensionUOM?: DimensionUOM | undefined;
  Description?: string | undefined;
  SurfaceLayerPositionCode?: string | undefined;
  AssignedID?: string | undefined;
};

/** RSX `PriceInformation`: the output of `priceInformationSchema`. */
export type PriceInformation = {
  ChangeReasonCode?: ChangeReasonCode | undefined;
  EffectiveDate?: string | undefined;
  PriceTypeIDCode?: PriceTypeIDCode | undefined;
  UnitPrice?: number | undefined;
  UnitPriceBasis?: UnitPriceBasis | undefined;
  UnitPriceBasisMultiplier?: number | undefined;
  Currency?: string | undefined;
  PriceMultiplierQual?: PriceMultiplierQual | undefined;
  PriceMultiplier?: number | undefined;
  RebateAmount?: number | undefined;
  Quantity?: number | undefined;
  QuantityUOM?: QuantityUOM | undefined;
  MultiplePriceQuantity?: number | undefined;
  ClassOfTradeCode?: ClassOfTradeCode | undefined;
  ConditionValue?: string | undefined;
  Description?: string | undefined;
};

/** RSX `ProductID`: the output of `productIDSchema`. */
export type ProductID = {
  PartNumberQual?: PartNumberQual | undefined;
  PartNumber?: string | undefined;
};

/** RSX `ProductOrItemDescription`: the output of `productOrItemDescriptionSchema`. */
export type ProductOrItemDescription = {
  ProductCharacteristicCode?: ProductCharacteristicCode | undefined;
  AgencyQualifierCode?: AgencyQualifierCode | undefined;
  ProductDescriptionCode?: string | undefined;
  ProductDescription?: string | undefined;
  SurfaceLayerPositionCode?: string | undefined;
  SourceSubqualifier?: string | undefined;
  YesOrNoResponse?: YesOrNoResponse | undefined;
  LanguageCode?: string | undefined;
};

/** RSX `QuantitiesSchedulesLocations`: the output of `quantitiesSchedulesLocationsSchema`. */
export type QuantitiesSchedulesLocations = {
  QuantityQualifier?: QuantityQualifier | undefined;
  TotalQty?: number | undefined;
  TotalQtyUOM?: TotalQtyUOM | undefined;
  QuantityDescription?: string | undefined;
  LocationCodeQualifier?: LocationCodeQualifier | undefined;
  LocationDescription?: string | undefined;
  LocationQuantity?: LocationQuantity[] | undefined;
  Dates?: Dates[] | undefined;
  AssignedID?: string | undefined;
  LeadTimeCode?: LeadTimeCode | undefined;
  LeadTimeQuantity?: number | undefined;
  LeadTimePeriodInterval?: LeadTimePeriodInterval | undefined;
  LeadTimeDate?: string | undefined;
};

/** RSX `QuantityAndWeight`: the output of `quantityAndWeightSchema`. */
export type QuantityAndWeight = {
  PackingMedium?: PackingMedium | undefined;
  PackingMaterial?: PackingMaterial | undefined;
  LadingQuantity?: number | undefined;
  LadingDescription?: string | undefined;
  WeightQualifier?: WeightQualifier | undefined;
  Weight?: number | undefined;
  WeightUOM?: WeightUOM | undefined;
  Volume?: number | undefined;
  VolumeUOM?: VolumeUOM | undefined;
  PalletExchangeCode?: PalletExchangeCode | undefined;
};

/** RSX `QuantityTotals`: the output of `quantityTotalsSchema`. */
export type QuantityTotals = {
  QuantityTotalsQualifier?: QuantityTotalsQualifier | undefined;
  Quantity?: number | undefined;
  QuantityUOM?: QuantityUOM | undefined;
  WeightQualifier?: WeightQualifier | undefined;
  Weight?: number | undefined;
  WeightUOM?: WeightUOM | undefined;
  Volume?: number | undefined;
  VolumeUOM?: VolumeUOM | undefined;
  Description?: string | undefined;
};

/** RSX `ReferenceIDs`: the output of `referenceIDsSchema`. */
export type ReferenceIDs = {
  ReferenceQual?: ReferenceQual | undefined;
  ReferenceID?: string | undefined;
};

/** RSX `References`: the output of `referencesSchema`. */
export type References = {
  ReferenceQual?: ReferenceQual | undefined;
  ReferenceID?: string | undefined;
  Description?: string | undefined;
  Date?: string | undefined;
  Time?: string | undefined;
  ReferenceIDs?: ReferenceIDs[] | undefined;
};

/** RSX `RegulatoryCompliances`: the output of `regulatoryCompliancesSchema`. */
export type RegulatoryCompliances = {
  RegulatoryComplianceQual?: RegulatoryComplianceQual | undefined;
  YesOrNoResponse?: YesOrNoResponse | undefined;
  RegulatoryComplianceID?: string | undefined;
  RegulatoryAgency?: string | undefined;
  Description?: string | undefined;
};

/** RSX `RestrictionsOrConditions`: the output of `restrictionsOrConditionsSchema`. */
export type RestrictionsOrConditions = {
  RestrictionsConditionsQualifier?: string | undefined;
  Description?: string | undefined;
  QuantityQualifier?: QuantityQualifier | undefined;
  Quantity1?: number | undefined;
  AmountQualifier?: string | undefined;
  Amount?: number | undefined;
};

/** RSX `RsxMeta`: the output of `metaSchema`. */
export type RsxMeta = {
  SenderUniqueID?: string | undefined;
  SenderCompanyName?: string | undefined;
  ReceiverUniqueID?: string | undefined;
  ReceiverCompanyName?: string | undefined;
  IsDropShip?: boolean | undefined;
  InterchangeControlNumber?: string | undefined;
  GroupControlIdentifier?: string | undefined;
  GroupControlNumber?: string | undefined;
  DocumentControlIdentifier?: string | undefined;
  DocumentControlNumber?: string | undefined;
  InterchangeSenderID?: string | undefined;
  InterchangeReceiverID?: string | undefined;
  GroupSenderID?: string | undefined;
  GroupReceiverID?: string | undefined;
  BatchPart?: string | undefined;
  BatchTotal?: number | undefined;
  BatchID?: string | undefined;
  Comments?: string | undefined;
  Validation?: string | undefined;
  OrderManagement?: OrderManagement | undefined;
  Version?: string | undefined;
};

/** RSX `SealNumbers`: the output of `sealNumbersSchema`. */
export type SealNumbers = {
  SealStatusCode?: SealStatusCode | undefined;
  SealNumber?: string | undefined;
};

/** RSX `ServiceLevelCodes`: the output of `serviceLevelCodesSchema`. */
export type ServiceLevelCodes = {
  ServiceLevelCode?: ServiceLevelCode | undefined;
};

/** RSX `Shipment`: the output of `shipmentSchema`. */
export type Shipment = {
  Meta?: RsxMeta | undefined;
  Header: ShipmentHeaderGroup;
  ContainerLevel?: ShipmentContainerLevel[] | undefined;
  OrderLevel?: ShipmentOrderLevel[] | undefined;
  PackLevel?: ShipmentPackLevel[] | undefined;
  ItemLevel?: ShipmentItemLevel[] | undefined;
  Summary?: ShipmentSummary | undefined;
};

/** RSX `ShipmentContainer`: the output of `shipmentContainerSchema`. */
export type ShipmentContainer = {
  BillOfLadingNumber?: string | undefined;
  CarrierProNumber?: string | undefined;
};

/** RSX `ShipmentContainerLevel`: the output of `shipmentContainerLevelSchema`. */
export type ShipmentContainerLevel = {
  Container?: ShipmentContainer | undefined;
  Dates?: Dates[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  QuantityAndWeight?: QuantityAndWeight[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  Address?: Address[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
  OrderLevel?: ShipmentOrderLevel[] | undefined;
  PackLevel?: ShipmentPackLevel[] | undefined;
  ItemLevel?: ShipmentItemLevel[] | undefined;
};

/** RSX `ShipmentHeader`: the output of `shipmentHeaderSchema`. */
export type ShipmentHeader = {
  TradingPartnerId: string;
  ShipmentIdentification: string;
  ShipDate?: string | undefined;
  ShipmentTime?: string | undefined;
  TsetPurposeCode?: TsetPurposeCode | undefined;
  TsetTypeCode?: string | undefined;
  ShipNoticeDate?: string | undefined;
  ShipNoticeTime?: string | undefined;
  ASNStructureCode?: string | undefined;
  BuyersCurrency?: string | undefined;
  SellersCurrency?: string | undefined;
  ExchangeRate?: number | undefined;
  StatusReasonCode?: string | undefined;
  BillOfLadingNumber?: string | undefined;
  CarrierProNumber?: string | undefined;
  AppointmentNumber?: string | undefined;
  PickupNumber?: string | undefined;
  RequestedPickupDate?: string | undefined;
  RequestedPickupTime?: string | undefined;
  ScheduledShipDate?: string | undefined;
  ScheduledShipTime?: string | undefined;
  CurrentScheduledDeliveryDate?: string | undefined;
  CurrentScheduledDeliveryTime?: string | undefined;
  CurrentScheduledShipDate?: string | undefined;
  CurrentScheduledShipTime?: string | undefined;
  DocumentVersion?: string | undefined;
  DocumentRevision?: string | undefined;
};

/** RSX `ShipmentHeaderGroup`: the output of `shipmentHeaderGroupSchema`. */
export type ShipmentHeaderGroup = {
  ShipmentHeader: ShipmentHeader;
  Dates?: Dates[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Contacts?: Contacts[] | undefined;
  Address?: Address[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  QuantityAndWeight?: QuantityAndWeight[] | undefined;
  Commodity?: Commodity[] | undefined;
  CarrierSpecialHandlingDetail?: CarrierSpecialHandlingDetail[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  FOBRelatedInstruction?: FOBRelatedInstruction[] | undefined;
  QuantityTotals?: QuantityTotals[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `ShipmentInvoiceSublineItemDetail`: the output of `shipmentInvoiceSublineItemDetailSchema`. */
export type ShipmentInvoiceSublineItemDetail = {
  LineSequenceNumber?: string | undefined;
  ApplicationId?: string | undefined;
  BuyerPartNumber?: string | undefined;
  VendorPartNumber?: string | undefined;
  ConsumerPackageCode?: string | undefined;
  EAN?: string | undefined;
  GTIN?: string | undefined;
  UPCCaseCode?: string | undefined;
  NatlDrugCode?: string | undefined;
  InternationalStandardBookNumber?: string | undefined;
  ProductID?: ProductID[] | undefined;
  ProductSizeCode?: string | undefined;
  ProductSizeDescription?: string | undefined;
  ProductColorCode?: string | undefined;
  ProductColorDescription?: string | undefined;
  ProductMaterialCode?: string | undefined;
  ProductMaterialDescription?: string | undefined;
  ProductProcessCode?: string | undefined;
  ProductProcessDescription?: string | undefined;
  QtyPer?: number | undefined;
  QtyPerUOM?: QtyPerUOM | undefined;
  PurchasePriceType?: PurchasePriceType | undefined;
  PurchasePrice?: number | undefined;
  PurchasePriceBasis?: PurchasePriceBasis | undefined;
  NRFStandardColorAndSize?: NRFStandardColorAndSize | undefined;
};

/** RSX `ShipmentItemLevel`: the output of `shipmentItemLevelSchema`. */
export type ShipmentItemLevel = {
  ShipmentLine?: ShipmentLine | undefined;
  PhysicalDetails?: PhysicalDetails[] | undefined;
  CarrierSpecialHandlingDetail?: CarrierSpecialHandlingDetail[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  Measurements?: Measurements[] | undefined;
  PriceInformation?: PriceInformation[] | undefined;
  ProductOrItemDescription?: ProductOrItemDescription[] | undefined;
  MasterItemAttribute?: MasterItemAttribute[] | undefined;
  Dates?: Dates[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Commodity?: Commodity[] | undefined;
  Address?: Address[] | undefined;
  Subline?: ShipmentSubline[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  ItemLoadInfo?: ShipmentItemLoadInfo[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
  PackLevel?: ShipmentPackLevel[] | undefined;
  OrderLevel?: ShipmentOrderLevel[] | undefined;
};

/** RSX `ShipmentItemLoad`: the output of `shipmentItemLoadSchema`. */
export type ShipmentItemLoad = {
  NumberOfLoads?: number | undefined;
  UnitsShipped?: number | undefined;
  PackingMedium?: PackingMedium | undefined;
  PackingMaterial?: PackingMaterial | undefined;
  LoadSize?: number | undefined;
  LoadSizeUOM?: string | undefined;
};

/** RSX `ShipmentItemLoadInfo`: the output of `shipmentItemLoadInfoSchema`. */
export type ShipmentItemLoadInfo = {
  ItemLoad?: ShipmentItemLoad | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
};

/** RSX `ShipmentLine`: the output of `shipmentLineSchema`. */
export type ShipmentLine = {
  LineSequenceNumber?: string | undefined;
  ApplicationId?: string | undefined;
  BuyerPartNumber?: string | undefined;
  VendorPartNumber?: string | undefined;
  ConsumerPackageCode?: string | undefined;
  EAN?: string | undefined;
  GTIN?: string | undefined;
  UPCCaseCode?: string | undefined;
  NatlDrugCode?: string | undefined;
  InternationalStandardBookNumber?: string | undefined;
  ProductID?: ProductID[] | undefined;
  OrderQty?: number | undefined;
  OrderQtyUOM?: OrderQtyUOM | undefined;
  PurchasePriceType?: PurchasePriceType | undefined;
  PurchasePrice?: number | undefined;
  PurchasePriceBasis?: PurchasePriceBasis | undefined;
  ItemStatusCode?: ItemStatusCode | undefined;
  ShipQty?: number | undefined;
  ShipQtyUOM?: ShipQtyUOM | undefined;
  CumulativeQty?: number | undefined;
  ShipDate?: string | undefined;
  QtyLeftToReceive?: number | undefined;
  ProductSizeCode?: string | undefined;
  ProductSizeDescription?: string | undefined;
  ProductColorCode?: string | undefined;
  ProductColorDescription?: string | undefined;
  ProductMaterialCode?: string | undefined;
  ProductMaterialDescription?: string | undefined;
  ProductProcessCode?: string | undefined;
  ProductProcessDescription?: string | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Class?: string | undefined;
  SellerDateCode?: string | undefined;
  NRFStandardColorAndSize?: NRFStandardColorAndSize | undefined;
};

/** RSX `ShipmentOrderHeader`: the output of `shipmentOrderHeaderSchema`. */
export type ShipmentOrderHeader = {
  DepositorOrderNumber?: string | undefined;
  InternalOrderNumber?: string | undefined;
  InternalOrderDate?: string | undefined;
  InvoiceNumber?: string | undefined;
  InvoiceDate?: string | undefined;
  PurchaseOrderNumber?: string | undefined;
  ReleaseNumber?: string | undefined;
  PurchaseOrderDate?: string | undefined;
  Department?: string | undefined;
  DepartmentDescription?: string | undefined;
  Vendor?: string | undefined;
  JobNumber?: string | undefined;
  Division?: string | undefined;
  CustomerAccountNumber?: string | undefined;
  CustomerOrderNumber?: string | undefined;
  DeliveryDate?: string | undefined;
  DeliveryTime?: string | undefined;
};

/** RSX `ShipmentOrderLevel`: the output of `shipmentOrderLevelSchema`. */
export type ShipmentOrderLevel = {
  OrderHeader?: ShipmentOrderHeader | undefined;
  QuantityAndWeight?: QuantityAndWeight[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  Dates?: Dates[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Address?: Address[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  Commodity?: Commodity[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
  PackLevel?: ShipmentPackLevel[] | undefined;
  ItemLevel?: ShipmentItemLevel[] | undefined;
  ContainerLevel?: ShipmentContainerLevel[] | undefined;
};

/** RSX `ShipmentPack`: the output of `shipmentPackSchema`. */
export type ShipmentPack = {
  PackLevelType?: string | undefined;
  ShippingSerialID?: string | undefined;
  CarrierPackageID?: string | undefined;
};

/** RSX `ShipmentPackaging`: the output of `shipmentPackagingSchema`. */
export type ShipmentPackaging = {
  PackagingCharacteristicCode?: string | undefined;
  AgencyQualifierCode?: AgencyQualifierCode | undefined;
  PackagingDescriptionCode?: string | undefined;
  PackagingDescription?: string | undefined;
  UnitLoadOptionCode?: string | undefined;
};

/** RSX `ShipmentPackLevel`: the output of `shipmentPackLevelSchema`. */
export type ShipmentPackLevel = {
  Pack?: ShipmentPack | undefined;
  PhysicalDetails?: PhysicalDetails[] | undefined;
  MarksAndNumbersCollection?: MarksAndNumbersCollection[] | undefined;
  PalletInformation?: PalletInformation[] | undefined;
  Dates?: Dates[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  Address?: Address[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  CarrierInformation?: CarrierInformation[] | undefined;
  Packaging?: ShipmentPackaging[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
  ItemLevel?: ShipmentItemLevel[] | undefined;
  PackLevel?: ShipmentPackLevel[] | undefined;
};

/** RSX `ShipmentSubline`: the output of `shipmentSublineSchema`. */
export type ShipmentSubline = {
  SublineItemDetail?: ShipmentInvoiceSublineItemDetail | undefined;
  PriceInformation?: PriceInformation[] | undefined;
  ProductOrItemDescription?: ProductOrItemDescription[] | undefined;
  Commodity?: Commodity[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `ShipmentSummary`: the output of `shipmentSummarySchema`. */
export type ShipmentSummary = {
  TotalOrders?: number | undefined;
  TotalLineItemNumber?: number | undefined;
};

/** RSX `Subline`: the output of `sublineSchema`. */
export type Subline = {
  SublineItemDetail?: SublineItemDetail | undefined;
  Dates?: Dates[] | undefined;
  PriceInformation?: PriceInformation[] | undefined;
  ProductOrItemDescription?: ProductOrItemDescription[] | undefined;
  PhysicalDetails?: PhysicalDetails[] | undefined;
  References?: References[] | undefined;
  Notes?: Notes[] | undefined;
  FloorReady?: FloorReady[] | undefined;
  Taxes?: Taxes[] | undefined;
  ChargesAllowances?: ChargesAllowances[] | undefined;
  Address?: Address[] | undefined;
  Commodity?: Commodity[] | undefined;
  RegulatoryCompliances?: RegulatoryCompliances[] | undefined;
};

/** RSX `SublineItemDetail`: the output of `sublineItemDetailSchema`. */
export type SublineItemDetail = {
  LineSequenceNumber?: string | undefined;
  ApplicationId?: string | undefined;
  BuyerPartNumber?: string | undefined;
  VendorPartNumber?: string | undefined;
  ConsumerPackageCode?: string | undefined;
  EAN?: string | undefined;
  GTIN?: string | undefined;
  UPCCaseCode?: string | undefined;
  NatlDrugCode?: string | undefined;
  InternationalStandardBookNumber?: string | undefined;
  ProductID?: ProductID[] | undefined;
  ProductSizeCode?: string | undefined;
  ProductSizeDescription?: string | undefined;
  ProductColorCode?: string | undefined;
  ProductColorDescription?: string | undefined;
  ProductMaterialCode?: string | undefined;
  ProductMaterialDescription?: string | undefined;
  ProductProcessCode?: string | undefined;
  ProductProcessDescription?: string | undefined;
  QtyPer?: number | undefined;
  QtyPerUOM?: QtyPerUOM | undefined;
  PurchasePriceType?: PurchasePriceType | undefined;
  PurchasePrice?: number | undefined;
  PurchasePriceBasis?: PurchasePriceBasis | undefined;
  Gender?: string | undefined;
  NRFStandardColorAndSize?: NRFStandardColorAndSize | undefined;
};

/** RSX `Taxes`: the output of `taxesSchema`. */
export type Taxes = {
  TaxTypeCode?: TaxTypeCode | undefined;
  TaxAmount?: number | undefined;
  TaxPercentQual?: TaxPercentQual | undefined;
  TaxPercent?: number | undefined;
  JurisdictionQual?: JurisdictionQual | undefined;
  JurisdictionCode?: string | undefined;
  TaxExemptCode?: TaxExemptCode | undefined;
  RelationshipCode?: RelationshipCode | undefined;
  PercentDollarBasis?: number | undefined;
  TaxHandlingCode?: TaxHandlingCode | undefined;
  TaxID?: string | undefined;
  AssignedID?: string | undefined;
  Description?: string | undefined;
};
