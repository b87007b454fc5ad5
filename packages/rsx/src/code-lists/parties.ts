// Parties: address types, location qualifiers and contacts.
import { type CodeOf, defineCodeList } from "./define.js";

export const AddressTypeCode = defineCodeList({
  "88": "Approver",
  "9C": "Country of Destination",
  AG: "Agent",
  BE: "Beneficiary",
  BK: "Bank",
  BO: "Broker",
  BOWN: "Brand Owner",
  BT: "Bill to Party",
  BY: "Buying Party",
  CB: "Customs Broker",
  CN: "Consignee",
  CQ: "Corporate Office",
  CS: "Consolidator",
  CT: "Country of Origin",
  DA: "Delivery Address",
  DE: "Depositor",
  DS: "Distributor",
  DV: "Division",
  ESIID: "Electric Service Identifier ID",
  FR: "Message From",
  FW: "Forwarder",
  IA: "Install Address",
  MF: "Manufacturer of Goods",
  N1: "Notify Party",
  NES: "New Store",
  OB: "Ordered By",
  PATI: "Patient",
  PF: "Party to Receive Freight Bill",
  PLCO: "Place of Consumption",
  POAR: "Port Of Arrival",
  PODI: "Port of Discharge",
  POEN: "Port of Entry",
  POOR: "Port Of Origin",
  PR: "Payer",
  PW: "Pickup Address",
  RAMP: "Repair and Maintenance Provider",
  RI: "Remit To",
  RL: "Reporting Location",
  RT: "Return Address",
  SF: "Ship From",
  SO: "Sold To",
  ST: "Ship To",
  TO: "Message To",
  TP: "Transportation Provider",
  TS: "Transshipment Location",
  VN: "Vendor",
  WH: "Warehouse",
  Z7: "Mark for Party",
});
export type AddressTypeCode = CodeOf<typeof AddressTypeCode>;

export const LocationCodeQualifier = defineCodeList({
  "1": "Duns Number",
  "10": "Department of Defense Activity Address Code",
  "11": "Drug Enforcement Administration Number",
  "15": "Standard Address Number[SAN]",
  "21": "Health Industry Number",
  "33": "Commercial and Government Entity",
  "6": "Plant Code",
  "9": "Duns Plus 4 Number",
  "91": "Seller Location Number",
  "92": "Buyer Location Number",
  A1: "Approver ID",
  BE: "Common Language Location Identifier [CLLI]",
  D: "Census Schedule D",
  K: "Census Schedule K",
  TPL: "Third Party Location Number",
  UL: "Global Location Number[GLN]",
});
export type LocationCodeQualifier = CodeOf<typeof LocationCodeQualifier>;

export const ContactTypeCode = defineCodeList({
  AL: "Alternate Information Contact",
  BD: "Buyer Name or Department",
  BI: "Bill Inquiry Contact",
  CH: "Change Order Approver",
  CR: "Buyer Customer Relations",
  EX: "Expeditor",
  HM: "Hazardous Material Contact",
  IC: "Primary Information Contact",
  MRP: "Material Requirements Planning Controller",
  OC: "Order Contact",
  RE: "Receiving Contact",
  SC: "Shipping Contact",
  SGN: "Signed By",
  SR: "Sales Representative or Department",
  TIC: "Technical Representative",
});
export type ContactTypeCode = CodeOf<typeof ContactTypeCode>;

export const ContactQual = defineCodeList({
  AU: "Defense Switched Network",
  CP: "Cell Phone",
  EX: "Telephone Extension",
  FT: "Federal Telecommunications System",
  HP: "Home Phone",
  NP: "Nighttime Phone",
  WP: "Work Phone",
  X4: "X400 Address",
});
export type ContactQual = CodeOf<typeof ContactQual>;

export const RelationshipCode = defineCodeList({
  A: "Add",
  D: "Delete",
  I: "Included",
  O: "Information Only",
  S: "Substituted",
});
export type RelationshipCode = CodeOf<typeof RelationshipCode>;
