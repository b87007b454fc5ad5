import { z } from "zod";
import {
  DimensionUOM,
  PackingMaterial,
  PackingMedium,
  PackQualifier,
  PackUOM,
  PackVolumeUOM,
  PackWeightUOM,
  WeightQualifier,
} from "../../code-lists/index.js";

export const physicalDetailsSchema = z.strictObject({
  PackQualifier: PackQualifier.schema.optional(),
  PackValue: z.number().int().optional(),
  PackSize: z.number().optional(),
  PackUOM: PackUOM.schema.optional(),
  PackingMedium: PackingMedium.schema.optional(),
  PackingMaterial: PackingMaterial.schema.optional(),
  WeightQualifier: WeightQualifier.schema.optional(),
  PackWeight: z.number().optional(),
  PackWeightUOM: PackWeightUOM.schema.optional(),
  PackVolume: z.number().optional(),
  PackVolumeUOM: PackVolumeUOM.schema.optional(),
  PackLength: z.number().optional(),
  PackWidth: z.number().optional(),
  PackHeight: z.number().optional(),
  DimensionUOM: DimensionUOM.schema.optional(),
  Description: z.string().optional(),
  SurfaceLayerPositionCode: z.string().optional(),
  AssignedID: z.string().optional(),
});
export type { PhysicalDetails } from "../../generated/document-types.js";
