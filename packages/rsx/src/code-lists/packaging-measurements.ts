// Packaging, weights and measurements.
import { type CodeOf, defineCodeList } from "./define.js";
import { measurementQualifierItemRegistries } from "./sources/measurement-qualifier.js";

export const PackingMedium = defineCodeList({
  BAG: "Bag",
  BAL: "Bale",
  BBL: "Barrel",
  BDL: "Bundle",
  BIN: "Bin",
  BLC: "Blister Card",
  BLK: "Bulk",
  BOT: "Bottle",
  BOX: "Box",
  BXI: "Box with inner container",
  BXT: "Bucket",
  CAN: "Can",
  CAS: "Case",
  CLM: "Clamshell",
  COL: "Coil",
  CRT: "Crate",
  CSK: "Cask",
  CTN: "Carton",
  DRM: "Drum",
  HRB: "On Hanger or Rack in Boxes",
  JAR: "Jar",
  KEG: "Keg",
  KIT: "Kit",
  LIF: "Lift",
  LNR: "Liners",
  LSE: "Loose",
  PAL: "Pail",
  PCK: "Packed not otherwise specified",
  PCS: "Pieces",
  PLT: "Pallet",
  PWI: "Pallet Box with Inserts",
  RBI: "Reusable Bulk Container with Insert",
  RCK: "Rack",
  REL: "Reel",
  ROL: "Roll",
  RPL: "Reusable Pallet",
  RTC: "Reusable Top Cap",
  SKD: "Skid",
  SLP: "Slip sheet",
  SLV: "Sleeve",
  SPC: "Skin Pack Card",
  SPL: "Spool",
  SRW: "Shrink Wrap",
  TBE: "Tube",
  TNK: "Tank",
  TRY: "Tray",
  WRP: "Wrap",
});
export type PackingMedium = CodeOf<typeof PackingMedium>;

export const PackingMaterial = defineCodeList({
  "01": "Aluminium",
  "03": "Hard Wood",
  "05": "Soft Wood",
  "25": "Corrugated or Solid",
  "31": "Fibre",
  "43": "Glass",
  "52": "Iron or Steel",
  "58": "Metal",
  "67": "Multiple-wall Paper [2 or more walls]",
  "72": "VCI Paper",
  "76": "Paper",
  "79": "Plastic",
  "80": "Polyethylene",
  "90": "Standard",
  "91": "Stainless Steel",
  "94": "Wood",
  EPP: "Expanded Polypropylene (EPP)",
  UNDF: "Undefined",
});
export type PackingMaterial = CodeOf<typeof PackingMaterial>;

export const PackQualifier = defineCodeList({
  CP: "Consumer Package",
  IN: "Inner",
  OU: "Outer",
});
export type PackQualifier = CodeOf<typeof PackQualifier>;

export const WeightQualifier = defineCodeList({
  B: "Billed Weight",
  EN: "Estimated Net Weight",
  F: "Deficit Weight",
  G: "Gross Weight",
  L: "Legal Weight",
  N: "Actual Net Weight",
  P: "Weight Per 100 Units",
  T: "Tare Weight",
});
export type WeightQualifier = CodeOf<typeof WeightQualifier>;

// The widest list SPS's 7.7.7 schemas give for MeasurementQualifier (ItemRegistries'):
// data in sources/measurement-qualifier.ts.
export const MeasurementQualifier = defineCodeList(measurementQualifierItemRegistries);
export type MeasurementQualifier = CodeOf<typeof MeasurementQualifier>;

export const MeasurementSignificanceCode = defineCodeList({
  IN: "Input",
  OU: "Output",
});
export type MeasurementSignificanceCode = CodeOf<typeof MeasurementSignificanceCode>;

export const ProductCharacteristicCode = defineCodeList({
  "08": "Product Description",
  "38": "Grade",
  "39": "Luster",
  "40": "Shade",
  "73": "Color Description",
  "74": "Size Description",
  "76": "Dye Lot Description",
  "92": "Material Description",
  AE: "Fragrance",
  RE: "Recall",
  VI: "Vintage",
});
export type ProductCharacteristicCode = CodeOf<typeof ProductCharacteristicCode>;
