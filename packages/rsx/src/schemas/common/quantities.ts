import { z } from "zod";
import {
  LeadTimeCode,
  LeadTimePeriodInterval,
  LocationCodeQualifier,
  PackingMaterial,
  PackingMedium,
  PalletExchangeCode,
  QuantityQualifier,
  QuantityTotalsQualifier,
  QuantityUOM,
  TotalQtyUOM,
  VolumeUOM,
  WeightQualifier,
  WeightUOM,
} from "../../code-lists/index.js";
import { rsxDate } from "../primitives.js";
import { datesSchema } from "./dates.js";

export const quantityAndWeightSchema = z.strictObject({
  PackingMedium: PackingMedium.schema.optional(),
  PackingMaterial: PackingMaterial.schema.optional(),
  LadingQuantity: z.number().int().optional(),
  LadingDescription: z.string().optional(),
  WeightQualifier: WeightQualifier.schema.optional(),
  Weight: z.number().optional(),
  WeightUOM: WeightUOM.schema.optional(),
  Volume: z.number().optional(),
  VolumeUOM: VolumeUOM.schema.optional(),
  PalletExchangeCode: PalletExchangeCode.schema.optional(),
});
export type { QuantityAndWeight } from "../../generated/document-types.js";

export const quantityTotalsSchema = z.strictObject({
  QuantityTotalsQualifier: QuantityTotalsQualifier.schema.optional(),
  Quantity: z.number().optional(),
  QuantityUOM: QuantityUOM.schema.optional(),
  WeightQualifier: WeightQualifier.schema.optional(),
  Weight: z.number().optional(),
  WeightUOM: WeightUOM.schema.optional(),
  Volume: z.number().optional(),
  VolumeUOM: VolumeUOM.schema.optional(),
  Description: z.string().optional(),
});
export type { QuantityTotals } from "../../generated/document-types.js";

export const locationQuantitySchema = z.strictObject({
  Location: z.string().optional(),
  Qty: z.number().optional(),
});
export type { LocationQuantity } from "../../generated/document-types.js";

export const quantitiesSchedulesLocationsSchema = z.strictObject({
  QuantityQualifier: QuantityQualifier.schema.optional(),
  TotalQty: z.number().optional(),
  TotalQtyUOM: TotalQtyUOM.schema.optional(),
  QuantityDescription: z.string().optional(),
  LocationCodeQualifier: LocationCodeQualifier.schema.optional(),
  LocationDescription: z.string().optional(),
  LocationQuantity: z.array(locationQuantitySchema).optional(),
  Dates: z.array(datesSchema).optional(),
  AssignedID: z.string().optional(),
  LeadTimeCode: LeadTimeCode.schema.optional(),
  LeadTimeQuantity: z.number().optional(),
  LeadTimePeriodInterval: LeadTimePeriodInterval.schema.optional(),
  LeadTimeDate: rsxDate.optional(),
});
export type { QuantitiesSchedulesLocations } from "../../generated/document-types.js";
