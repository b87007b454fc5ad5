import { z } from "zod";
import {
  AllowChrgAgencyCode,
  AllowChrgCode,
  AllowChrgHandlingCode,
  AllowChrgIndicator,
  AllowChrgPercentQual,
  AllowChrgQtyUOM,
} from "../../code-lists/index.js";
import { taxesSchema } from "./taxes.js";

export const chargesAllowancesSchema = z.strictObject({
  AllowChrgIndicator: AllowChrgIndicator.schema.optional(),
  AllowChrgCode: AllowChrgCode.schema.optional(),
  AllowChrgAgencyCode: AllowChrgAgencyCode.schema.optional(),
  AllowChrgAgency: z.string().optional(),
  AllowChrgAmt: z.number().optional(),
  AllowChrgPercentQual: AllowChrgPercentQual.schema.optional(),
  AllowChrgPercent: z.number().optional(),
  PercentDollarBasis: z.number().optional(),
  AllowChrgRate: z.number().optional(),
  AllowChrgQtyUOM: AllowChrgQtyUOM.schema.optional(),
  AllowChrgQty: z.number().optional(),
  AllowChrgHandlingCode: AllowChrgHandlingCode.schema.optional(),
  ReferenceIdentification: z.string().optional(),
  AllowChrgHandlingDescription: z.string().optional(),
  OptionNumber: z.string().optional(),
  ExceptionNumber: z.string().optional(),
  AllowChrgQty2: z.number().optional(),
  LanguageCode: z.string().optional(),
  CalculationSequence: z.number().int().optional(),
  Taxes: z.array(taxesSchema).optional(),
});
export type { ChargesAllowances } from "../../generated/document-types.js";
