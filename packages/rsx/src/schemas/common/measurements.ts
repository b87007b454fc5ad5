import { z } from "zod";
import { CompositeUOM, MeasurementQualifier, MeasurementSignificanceCode } from "../../code-lists/index.js";

export const measurementsSchema = z.strictObject({
  MeasurementRefIDCode: z.string().optional(),
  MeasurementQualifier: MeasurementQualifier.schema.optional(),
  MeasurementValue: z.number().optional(),
  CompositeUOM: CompositeUOM.schema.optional(),
  RangeMinimum: z.number().optional(),
  RangeMaximum: z.number().optional(),
  MeasurementSignificanceCode: MeasurementSignificanceCode.schema.optional(),
  MeasurementAttributeCode: z.string().optional(),
  SurfaceLayerPositionCode: z.string().optional(),
  IndustryCodeQualifier: z.string().optional(),
  IndustryCode: z.string().optional(),
});
export type { Measurements } from "../../generated/document-types.js";
