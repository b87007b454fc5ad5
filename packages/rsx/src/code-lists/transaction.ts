// Document purpose and type, acknowledgement and line status codes.
import { type CodeOf, defineCodeList } from "./define.js";

export const TsetPurposeCode = defineCodeList({
  "00": "Original",
  "01": "Cancellation",
  "04": "Change",
  "05": "Replace",
  "06": "Confirmation",
  "07": "Duplicate",
  "20": "Final Submission",
  CN: "Completion Notification",
});
export type TsetPurposeCode = CodeOf<typeof TsetPurposeCode>;

export const InvoiceTsetPurposeCode = defineCodeList({
  "00": "Original",
  "01": "Cancellation",
  "05": "Replace",
  "06": "Confirmation",
  "07": "Duplicate",
  "20": "Final Submission",
  CN: "Completion Notification",
});
export type InvoiceTsetPurposeCode = CodeOf<typeof InvoiceTsetPurposeCode>;

export const PrimaryPOTypeCode = defineCodeList({
  "26": "Replace [Specified Buyers Parts Only]",
  BH: "Bill And Hold",
  BK: "Blanket Order",
  CF: "Confirmation",
  CN: "Consigned Order",
  DS: "Drop Ship",
  EO: "Emergency Order",
  IM: "Import",
  IN: "Information Copy",
  KC: "Contract",
  KN: "Cross Dock",
  NP: "New Product Introduction",
  NS: "New Store Order",
  OS: "Special Order",
  PR: "Promotion Information",
  RE: "Reorder",
  RL: "Release or Delivery Order",
  RO: "Rush Order",
  SA: "Stand Alone",
  SD: "Direct to Store",
  SP: "Sample Order",
  SS: "Supply or Service Order",
  TS: "Transshipment",
  WH: "Warehouse",
  WO: "Warranty Order",
});
export type PrimaryPOTypeCode = CodeOf<typeof PrimaryPOTypeCode>;

export const AcknowledgementType = defineCodeList({
  AC: "Acknowledge-With Detail and Change",
  AD: "Acknowledge-With Detail No Change",
  AE: "With Exception Detail Only",
  AH: "Acknowledge-Hold",
  AK: "Acknowledge-No Detail or Change",
  AP: "Acknowledge-Product Replenishment",
  RD: "Reject with Detail",
  RF: "Reject-With Exception Detail Only",
  RJ: "Rejected-No Detail",
  RO: "Reject-With Counter Offer",
});
export type AcknowledgementType = CodeOf<typeof AcknowledgementType>;

export const InvoiceTypeCode = defineCodeList({
  CR: "Credit",
  DR: "Debit",
  PRO: "Pro Forma",
  SELF: "Self Billed",
  U5: "Update",
});
export type InvoiceTypeCode = CodeOf<typeof InvoiceTypeCode>;

export const ItemStatusCode = defineCodeList({
  AA: "Item Accepted - Order Forwarded to Alternate Supplier Location",
  AC: "Item Accepted and Shipped",
  AR: "Item Accepted and Released for Shipment",
  BP: "Item Accepted - Partial Shipment, Balance Backordered",
  CC: "Item Rejected - Customer Cancelled",
  DR: "Accept - Date Rescheduled",
  IA: "Accept",
  IB: "Backordered",
  IC: "Item Accepted - Changes Made",
  ID: "Item Deleted",
  IE: "Item Accepted - Price Pending",
  IF: "Item on Hold, Incomplete Description",
  IH: "On Hold",
  IP: "Accept - Price Changed",
  IQ: "Accept - Quantity Changed",
  IR: "Item Rejected",
  IS: "Accept - Substitution Made",
  IW: "Item on Hold - Waiver Required",
  R1: "Item Rejected - Not a contract Item",
  R2: "Item Rejected - Invalid Item Product Number",
  R3: "Item Rejected - Unit of Measure not Valid",
  R4: "Item Rejected - Contract Item Not Available",
  R7: "Item Rejected - Reorder Item as a Drop Shipment",
  ROS: "Item Rejected - Out of Stock",
  SP: "Item Accepted - Schedule Date Pending",
  UM: "Accept - Unit of Measure Change",
});
export type ItemStatusCode = CodeOf<typeof ItemStatusCode>;

export const OrderManagement = defineCodeList({
  "Bulk-Import":
    "For use with the Invoices, OrderAcks, OrderChanges, OrderChangeAcks, Orders, or Shipments schemas only",
  CrossDock: "For use with the Invoices, OrderAcks, OrderChanges, OrderChangeAcks, Orders, or Shipments schemas only",
  DropShip: "For use with the Invoices, OrderAcks, OrderChanges, OrderChangeAcks, Orders, or Shipments schemas only",
  InventoryAdvice: "For use with the ItemRegistries schema only",
  ItemManagementService: "For use with the ItemRegistries schema only",
  LogisticsManagement:
    "For use with the CarrierLoadTenders, MotorCarrierFreightDetails, or CarrierLoadTenderResponses schemas only",
  MultiStore: "For use with the Invoices, OrderAcks, OrderChanges, OrderChangeAcks, Orders, or Shipments schemas only",
  None: "For use with the OrganizationalRelationships schema only",
  PlanningScheduleRelease: "For use with the PlanningSchedules schema only",
  ProductActivityReport: "For use with the ProductActivities schema only",
  SalesOrPriceCatalog: "For use with the ItemRegistries schema only",
  SmallPackage: "For use with the CarrierStatusMessages schema only",
  StockRelease: "For use with the Orders or Shipments schemas only",
  StockTransfer: "For use with the Shipments or WarehouseTransferReceiptAdvices schemas only",
  "Truckload-LTL": "For use with the CarrierStatusMessages schema only",
});
export type OrderManagement = CodeOf<typeof OrderManagement>;

export const ActionCode = defineCodeList({
  "1": "Add",
  "2": "Change/Update",
  "3": "Delete",
});
export type ActionCode = CodeOf<typeof ActionCode>;

export const ChangeReasonCode = defineCodeList({
  AQ: "Alternate Quantity and Unit Of Measure",
  EV: "Estimated Quantity",
  PS: "Product/Services ID Change",
  QO: "Quantity Ordered",
  UP: "Unit Price",
});
export type ChangeReasonCode = CodeOf<typeof ChangeReasonCode>;

export const StatusCode = defineCodeList({
  BK: "Back Order from Previous Order",
  CL: "Complete",
  CM: "Shipment Complete with Additional Quantity",
  CS: "Shipment Complete with Substitution",
  PR: "Partial Shipment",
});
export type StatusCode = CodeOf<typeof StatusCode>;

export const QtyLeftToReceiveStatus = defineCodeList({
  BO: "Backordered",
  DI: "Discontinued",
  IC: "Cancelled",
  IS: "Substituted",
  RI: "Recall",
});
export type QtyLeftToReceiveStatus = CodeOf<typeof QtyLeftToReceiveStatus>;

export const CreditDebitFlag = defineCodeList({
  C: "Credit",
  D: "Debit",
});
export type CreditDebitFlag = CodeOf<typeof CreditDebitFlag>;

export const ShipCompleteCode = defineCodeList({
  N: "No Back Order",
  Y: "Back Order if Out of Stock",
});
export type ShipCompleteCode = CodeOf<typeof ShipCompleteCode>;

export const YesOrNoResponse = defineCodeList({
  N: "No",
  Y: "Yes",
});
export type YesOrNoResponse = CodeOf<typeof YesOrNoResponse>;

export const SaleOrService = defineCodeList({
  A: "Ordinary sale",
  B: "Hire purchase, conditional sale, credit sale or similar loan",
  C: "Loan",
  D: "Exchange",
  E: "Hire, lease or rental",
  F: "Process [making goods from someone else's materials]",
  G: "Sales on commission [by an Auctioneer]",
  H: "Sale or Return, or similar terms",
});
export type SaleOrService = CodeOf<typeof SaleOrService>;

/** Same codes as {@link PrimaryPOTypeCode}. */
export const POTypeCode = PrimaryPOTypeCode;
export type POTypeCode = PrimaryPOTypeCode;

/** Same codes as {@link YesOrNoResponse}. */
export const CashDiscount = YesOrNoResponse;
export type CashDiscount = YesOrNoResponse;
