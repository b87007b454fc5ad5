// Payment terms and FOB (freight terms) codes.
import { type CodeOf, defineCodeList } from "./define.js";

export const TermsBasisDateCode = defineCodeList({
  "09": "Purchase Order Date",
  "1": "Ship Date",
  "15": "Receipt of Goods",
  "2": "Delivery Date",
  "3": "Invoice Date",
  "4": "Specified Date",
  "5": "Invoice Receipt Date",
  "6": "Anticipated Delivery Date",
  "7": "Effective Date",
  "8": "Invoice Transmission Date",
});
export type TermsBasisDateCode = CodeOf<typeof TermsBasisDateCode>;

export const TermsDueDateQual = defineCodeList({
  "01": "Mailed by Date[Postmark Date]",
  "02": "Received by Date",
  "03": "Electronics Funds Transfer Settlement Date",
  "04": "Funds Deposited by Date",
});
export type TermsDueDateQual = CodeOf<typeof TermsDueDateQual>;

export const TermsTimeRelationCode = defineCodeList({
  "1": "Reference date",
  "10": "End of week containing the reference date",
  "6": "End of month containing the reference date",
  "7": "End of month following the month of reference date",
  "8": "End of quarter containing the reference date",
  "9": "End of year containing the reference date",
});
export type TermsTimeRelationCode = CodeOf<typeof TermsTimeRelationCode>;

export const TermsType = defineCodeList({
  "01": "Basic",
  "02": "End of Month[EOM]",
  "03": "Fixed Date",
  "04": "Deferred or Installment",
  "05": "Discount Not Applicable",
  "06": "Mixed",
  "07": "Extended",
  "08": "Basic Discount Offered",
  "09": "Proximo",
  "10": "Instant",
  "11": "Elective",
  "12": "10 Days after End of Month",
  "14": "Previously agreed upon",
  "18": "Fixed Date, Late Payment Penalty Applies",
  "22": "Cash Discount Terms Apply",
  "23": "Payment Due Upon Receipt of Invoice",
  "24": "Anticipation",
  CO: "Consignment",
  NC: "No Charge",
  PP: "Prepayment",
});
export type TermsType = CodeOf<typeof TermsType>;

export const PaymentMethodCode = defineCodeList({
  "42": "Payment to bank account",
  AB: "Cash",
  AC: "Credit Card",
  C: "Pay By Check",
  COD: "Cash on Delivery",
  E: "Electronic Payment System",
  ESC: "Escrow",
  L: "Letter of Credit",
  T: "Wire Transfer",
});
export type PaymentMethodCode = CodeOf<typeof PaymentMethodCode>;

export const FOBLocationQualifier = defineCodeList({
  AC: "City and State",
  CC: "Country",
  DE: "Destination[Shipping]",
  FA: "Factory",
  K: "Census Schedule K",
  KL: "Port of Loading",
  MI: "Mill",
  OR: "Origin[Shipping Point]",
  PE: "Port of Entry",
  PL: "Plant",
  RG: "Region Code",
  SP: "State and Province",
  TL: "Terminal Cargo Location",
  WH: "Warehouse",
});
export type FOBLocationQualifier = CodeOf<typeof FOBLocationQualifier>;

export const FOBPayCode = defineCodeList({
  "11": "Rule 11 Shipment",
  BP: "Paid by Buyer",
  CA: "Advance Collect",
  CC: "Collect",
  CD: "Collect On Delivery",
  CF: "Collect - Freight Credited Back To Customer",
  DE: "Per Contract",
  DF: "Defined by Buyer and Seller",
  FO: "FOB Port of Call",
  HP: "Half Prepaid",
  MX: "Mixed",
  NC: "Service Freight - No Charge",
  NR: "Non Revenue",
  PA: "Advance Prepaid",
  PB: "Customer Pick-up/Backhaul",
  PC: "Prepaid but charged to customer",
  PD: "Prepaid by Processor",
  PE: "Prepaid and Summary Bill",
  PL: "Prepaid Local - Collect Outstate",
  PO: "Prepaid Only",
  PP: "Prepaid by Seller",
  PS: "Paid by Seller",
  PU: "Pickup",
  RC: "Return Container Freight Paid by Customer",
  RF: "Return Container Freight Free",
  RS: "Return Container Freight Paid by Supplier",
  TP: "Third Party Pay",
  WC: "Weight Condition",
});
export type FOBPayCode = CodeOf<typeof FOBPayCode>;

export const FOBTitlePassageCode = defineCodeList({
  AC: "City and State",
  DE: "Destination[Shipping]",
  FA: "Factory",
  FF: "Foreign Freight Forwarder Location",
  K: "Census Schedule K",
  KL: "Port of Loading",
  MI: "Mill",
  OR: "Origin[Shipping Point]",
  PE: "Port of Entry",
  PL: "Plant",
  RG: "Region Code",
  SP: "State And Province",
  TL: "Terminal Cargo Location",
  UN: "United Nations Location Code (UNLOCODE)",
  WH: "Warehouse",
});
export type FOBTitlePassageCode = CodeOf<typeof FOBTitlePassageCode>;

export const RiskOfLossCode = defineCodeList({
  BY: "Risk of Loss in Transit to Destination is Buyer's",
  FE: "Risk of Loss in Transit to Freight Equalization Point is Seller's",
  IM: "Shared Risk and Investor Markets",
  IR: "Investor Risk",
  LR: "Lender Risk",
  PP: "Risk of Loss in Transit to Pool Point is Seller's",
  SE: "Risk of Loss in Transit to Destination is Seller's",
  SR: "Shared Risk and Lender Markets",
});
export type RiskOfLossCode = CodeOf<typeof RiskOfLossCode>;

export const TransportationTermsType = defineCodeList({
  "01": "Incoterms",
  "02": "Industry Defined",
  "03": "Undefined",
});
export type TransportationTermsType = CodeOf<typeof TransportationTermsType>;
