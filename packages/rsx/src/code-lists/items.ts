// Item identification, attributes, prices and quantities.
import { type CodeOf, defineCodeList } from "./define.js";
import { itemAttributeQualifierItemRegistries } from "./sources/item-attribute-qualifier.js";
import { regulatoryComplianceQualItemRegistries } from "./sources/regulatory-compliance-qual.js";

export const PartNumberQual = defineCodeList({
  AR: "ARINC Part Number",
  B8: "Batch Number",
  BO: "Buyer Color",
  BPDN: "BIPAD Number",
  CB: "Buyer Catalog Number",
  CID: "Component ID",
  DIN: "Drug Identification Number",
  DPN: "Discontinued Part Number",
  FU: "National Alcohol Beverage Product/Control Number[NABCA]",
  IS: "International Standard Serial Number[ISSN]",
  IT: "Buyer's Style Number",
  IZ: "Buyer's Size Code",
  MG: "Manufacturer's Part Number",
  MN: "Model Number",
  N5: "National Health Related Item Code",
  N532: "National Drug Code [5-3-2 format]",
  N541: "National Drug Code [5-4-1 format]",
  PC: "Prime Contractor Part Number",
  PLU: "Price Lookup Code",
  RP: "Replaced Part Number",
  SK: "Stock Keeping Unit[SKU]",
  SS: "Superseded Part Number",
  SZ: "Vendor's Size Code",
  VA: "Vendor's Style Number",
  VC: "Vendor's/Seller's Catalog Number",
  VE: "Vendor Color",
  ZBP: "Additional Buyer Part Number",
  ZEAN: "Additional EAN",
  ZGTIN: "Additional GTIN",
  ZISBN: "Alternate ISBN",
  ZUPC: "Additional UPC",
  ZVP: "Additional Vendor Part Number",
});
export type PartNumberQual = CodeOf<typeof PartNumberQual>;

// The widest list SPS's 7.7.7 schemas give for ItemAttributeQualifier (ItemRegistries'):
// data in sources/item-attribute-qualifier.ts.
export const ItemAttributeQualifier = defineCodeList(itemAttributeQualifierItemRegistries);
export type ItemAttributeQualifier = CodeOf<typeof ItemAttributeQualifier>;

export const PurchasePriceType = defineCodeList({
  AAA: "Net Price",
  AAB: "Gross Price",
  AAE: "Unadjusted Net Price",
  BLP: "Baseline Price",
  CAT: "Catalog Price",
  CON: "Contract Price",
  D01: "Federal Supply Schedule Price",
  DIS: "Discount Price",
  ECP: "End Consumer Price",
  ELC: "Estimated Landing Cost",
  EST: "Estimated Price",
  FCP: "First Cost Price",
  MSR: "Manufacturer's Suggested Retail Price",
  PNP: "Pre-tax Net Price",
  PRP: "Promotional Price",
  QTE: "Quote Price",
  RPA: "Rental Price, Annually",
  RPC: "Retailer's Suggested Retail Price",
  RPM: "Rental Price, Monthly",
  RTL: "Retail",
  TIP: "Total Line Item Price",
  TNP: "Total Net Line Item Price",
  UCP: "Unit Cost Price",
  VPC: "Vendor's Suggested Retail Price",
  WHL: "Wholesale",
});
export type PurchasePriceType = CodeOf<typeof PurchasePriceType>;

export const PurchasePriceBasis = defineCodeList({
  CA: "Price per Case",
  HF: "Price per 100 Feet",
  HP: "Price per Hundred",
  HT: "Price per Thousand",
  HTH: "Price Per Hundred Thousand [100 000]",
  PD: "Price per Dozen",
  PE: "Price per Each",
  PF: "Price per Foot",
  PG: "Price per Gram",
  PK: "Price per Kilogram",
  PN: "Price per Ten",
  PO: "Price per Ounce",
  PP: "Price per Pound",
  PS: "Price per 1000 Square Feet",
  PT: "Price Per Ton",
  TF: "Price per 1000 Feet",
  TT: "Price Per Ten Thousand [10 000]",
  UM: "Price per Unit of Measure",
});
export type PurchasePriceBasis = CodeOf<typeof PurchasePriceBasis>;

export const PriceMultiplierQual = defineCodeList({
  CSD: "Cost Markup Multiplier[Original Cost]",
  CSR: "Cost Markup Multiplier[Retail Cost]",
  DIS: "Discount Multiplier",
  ILP: "Cost Markup Multiplier[Wholesale Cost]",
  PSP: "Percent Solution Multiplier",
  SEL: "Selling Multiplier",
});
export type PriceMultiplierQual = CodeOf<typeof PriceMultiplierQual>;

export const QuantityQualifier = defineCodeList({
  "01": "Discrete Qty",
  "02": "Cumulative Qty",
  "12": "Previously Shipped Quantity",
  "14": "Float Quantity",
  "20": "Unusable Quantity",
  "27": "Committed Quantity",
  "29": "Projected Available Inventory",
  "32": "Quantity Sold",
  "33": "Quantity Available for Sale[Stock Quantity]",
  "57": "Minimum Order Qty",
  "70": "Maximum Order Qty",
  "77": "Inflow Quantity",
  "78": "Outflow Quantity",
  AP: "Order Quantity Multiple",
  APPX: "Approximate Quantity",
  AQ: "Adjusted Quantity",
  B3: "Requested Quantity",
  BB: "Billable Quantity",
  BQ: "Backorder Quantity",
  GAV: "Guaranteed Available Quantity",
  IQ: "In-Transit Quantity",
  OOR: "On Order Quantity",
  P70: "Probability Level 70",
  P80: "Probability Level 80",
  P90: "Probability Level 90",
  PM: "Mean Probability Level",
  POQ: "Pre Order Quantity",
  QA: "Quantity Assembled",
  QAR: "Quantity Reserved of Assembled Stock",
  QH: "Qty on Hold",
  QOH: "Quantity On Hand",
  QPI: "Quantity Picked",
  QPK: "Quantity Packed",
  QV: "Qty Cancelled",
  RET: "Return Quantity",
  SZ: "Seasonal Quantity",
  UNA: "Unavailable Quantity",
});
export type QuantityQualifier = CodeOf<typeof QuantityQualifier>;

export const QuantityTotalsQualifier = defineCodeList({
  LQT: "Line Summary Quantity Totals",
  SQT: "Summary Quantity Totals",
});
export type QuantityTotalsQualifier = CodeOf<typeof QuantityTotalsQualifier>;

export const ClassOfTradeCode = defineCodeList({
  DI: "Distributor",
  MF: "Manufacturer",
  RS: "Resale",
  SA: "Services",
  WH: "Wholesaler",
});
export type ClassOfTradeCode = CodeOf<typeof ClassOfTradeCode>;

export const CommodityCodeQualifier = defineCodeList({
  A: "Harmonized Tariff Schedule of the United States Annotated",
  F: "Federal Supply Classification",
  I: "Milstamp AITC or Water Commodity Code",
  J: "Harmonized System - Based Schedule B",
  N: "National Motor Freight Classification [NMFC]",
  NFT: "NAFTA Preference Code",
  Q: "Quota Category",
  S: "Standard International Trade Classification[SITC]",
  T: "Standard Transportation Commodity Code[STCC]",
  U: "Uniform Freight Classification[UFC]",
  V: "Standard Industrial Classification[SIC] Code",
});
export type CommodityCodeQualifier = CodeOf<typeof CommodityCodeQualifier>;

export const AgencyQualifierCode = defineCodeList({
  "13": "Arkansas",
  AX: "ANSI Accredited Standards Committee, X12",
  BI: "Book Industry Systems Advisory Committee [BISAC]",
  DD: "Department of Defense",
  FA: "Fabric and Supplier Linkage Council [FASLINC]",
  FC: "Federal Communications Commission [FCC]",
  NEMA: "NEMA Rating",
  ST: "American Iron and Steel Institute",
  SZAU: "Sizing Authority",
  VI: "Voluntary Inter-Industry Commerce Standard [VICS] EDI",
});
export type AgencyQualifierCode = CodeOf<typeof AgencyQualifierCode>;

// The widest list SPS's 7.7.7 schemas give for RegulatoryComplianceQual (ItemRegistries'):
// data in sources/regulatory-compliance-qual.ts.
export const RegulatoryComplianceQual = defineCodeList(regulatoryComplianceQualItemRegistries);
export type RegulatoryComplianceQual = CodeOf<typeof RegulatoryComplianceQual>;

export const LeadTimeCode = defineCodeList({
  AE: "From Date of PO Receipt",
  AY: "From Date of Award to Date of Delivery to Shipment",
});
export type LeadTimeCode = CodeOf<typeof LeadTimeCode>;

export const LeadTimePeriodInterval = defineCodeList({
  DA: "Calendar Days",
  DW: "Work Days",
  HR: "Hours",
  MO: "Months",
  WK: "Weeks",
});
export type LeadTimePeriodInterval = CodeOf<typeof LeadTimePeriodInterval>;

/** Same codes as {@link PurchasePriceType}. */
export const PriceTypeIDCode = PurchasePriceType;
export type PriceTypeIDCode = PurchasePriceType;

/** Same codes as {@link PurchasePriceBasis}. */
export const UnitPriceBasis = PurchasePriceBasis;
export type UnitPriceBasis = PurchasePriceBasis;
