import { z } from "zod";
import {
  AgencyQualifierCode,
  CommodityCodeQualifier,
  ItemAttributeQualifier,
  PartNumberQual,
  ProductCharacteristicCode,
  ValueUOM,
  YesOrNoResponse,
} from "../../code-lists/index.js";
import { measurementsSchema } from "./measurements.js";

export const commoditySchema = z.strictObject({
  CommodityCodeQualifier: CommodityCodeQualifier.schema.optional(),
  CommodityCode: z.string().optional(),
});
export type { Commodity } from "../../generated/document-types.js";

export const productIDSchema = z.strictObject({
  PartNumberQual: PartNumberQual.schema.optional(),
  PartNumber: z.string().optional(),
});
export type { ProductID } from "../../generated/document-types.js";

export const nrfStandardColorAndSizeSchema = z.strictObject({
  NRFColorCode: z.string().optional(),
  ColorCategoryName: z.string().optional(),
  ColorPrimaryDescription: z.string().optional(),
  NRFSizeCode: z.string().optional(),
  SizeCategoryName: z.string().optional(),
  SizePrimaryDescription: z.string().optional(),
  SizeSecondaryDescription: z.string().optional(),
  SizeTableName: z.string().optional(),
  SizeHeading1: z.string().optional(),
  SizeHeading2: z.string().optional(),
  SizeHeading3: z.string().optional(),
  SizeHeading4: z.string().optional(),
});
export type { NRFStandardColorAndSize } from "../../generated/document-types.js";

export const productOrItemDescriptionSchema = z.strictObject({
  ProductCharacteristicCode: ProductCharacteristicCode.schema.optional(),
  AgencyQualifierCode: AgencyQualifierCode.schema.optional(),
  ProductDescriptionCode: z.string().optional(),
  ProductDescription: z.string().optional(),
  SurfaceLayerPositionCode: z.string().optional(),
  SourceSubqualifier: z.string().optional(),
  YesOrNoResponse: YesOrNoResponse.schema.optional(),
  LanguageCode: z.string().optional(),
});
export type { ProductOrItemDescription } from "../../generated/document-types.js";

export const itemAttributeSchema = z.strictObject({
  ItemAttributeQualifier: ItemAttributeQualifier.schema.optional(),
  Value: z.number().optional(),
  ValueUOM: ValueUOM.schema.optional(),
  Description: z.string().optional(),
  YesOrNoResponse: YesOrNoResponse.schema.optional(),
  Measurements: z.array(measurementsSchema).optional(),
});
export type { ItemAttribute } from "../../generated/document-types.js";

export const masterItemAttributeSchema = z.strictObject({
  ItemAttribute: z.array(itemAttributeSchema),
});
export type { MasterItemAttribute } from "../../generated/document-types.js";
