import { z } from "zod";
import {
  AddressTypeCode,
  AgencyQualifierCode,
  DimensionUOM,
  LocationCodeQualifier,
  PalletExchangeCode,
  WeightQualifier,
} from "../../code-lists/index.js";
import { measurementsSchema } from "./measurements.js";

export const paperworkSchema = z.strictObject({
  ReportTypeCode: z.string().optional(),
  ReportTransmissionCode: z.string().optional(),
  ReportCopiesNeeded: z.number().int().optional(),
  AddressTypeCode: AddressTypeCode.schema.optional(),
  LocationCodeQualifier: LocationCodeQualifier.schema.optional(),
  LocationNumber: z.string().optional(),
  Description: z.string().optional(),
  ActionsIndicated: z.string().optional(),
  RequestCategoryCode: z.string().optional(),
});
export type { Paperwork } from "../../generated/document-types.js";

export const packagingSchema = z.strictObject({
  PackagingCharacteristicCode: z.string().optional(),
  AgencyQualifierCode: AgencyQualifierCode.schema.optional(),
  PackagingDescriptionCode: z.string().optional(),
  PackagingDescription: z.string().optional(),
  UnitLoadOptionCode: z.string().optional(),
  Measurements: z.array(measurementsSchema).optional(),
});
export type { Packaging } from "../../generated/document-types.js";

export const marksAndNumbersCollectionSchema = z.strictObject({
  MarksAndNumbersQualifier1: z.string().optional(),
  MarksAndNumbers1: z.string().optional(),
});
export type { MarksAndNumbersCollection } from "../../generated/document-types.js";

export const palletInformationSchema = z.strictObject({
  PalletQualifier: z.string().optional(),
  PalletValue: z.number().int().optional(),
  PalletTypeCode: z.string().optional(),
  PalletTiers: z.number().int().optional(),
  PalletBlocks: z.number().int().optional(),
  UnitWeight: z.number().optional(),
  UnitWeightUOM: z.string().optional(),
  Length: z.number().optional(),
  Width: z.number().optional(),
  Height: z.number().optional(),
  DimensionUOM: DimensionUOM.schema.optional(),
  WeightQualifier: WeightQualifier.schema.optional(),
  PalletWeight: z.number().optional(),
  PalletWeightUOM: z.string().optional(),
  PalletVolume: z.number().optional(),
  PalletVolumeUOM: z.string().optional(),
  UnloadedHeight: z.number().optional(),
  UnloadedHeightUOM: z.string().optional(),
  PalletExchangeCode: PalletExchangeCode.schema.optional(),
  PalletStructureCode: z.string().optional(),
});
export type { PalletInformation } from "../../generated/document-types.js";

export const floorReadySchema = z.strictObject({
  FloorReadyRequired: z.string().optional(),
  FloorReadyTypeCode: z.string().optional(),
  FloorReadyDescription: z.string().optional(),
  FloorReadyID: z.string().optional(),
});
export type { FloorReady } from "../../generated/document-types.js";
