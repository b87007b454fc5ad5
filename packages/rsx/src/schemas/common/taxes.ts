import { z } from "zod";
import {
  JurisdictionQual,
  RelationshipCode,
  TaxExemptCode,
  TaxHandlingCode,
  TaxPercentQual,
  TaxTypeCode,
} from "../../code-lists/index.js";

export const taxesSchema = z.strictObject({
  TaxTypeCode: TaxTypeCode.schema.optional(),
  TaxAmount: z.number().optional(),
  TaxPercentQual: TaxPercentQual.schema.optional(),
  TaxPercent: z.number().optional(),
  JurisdictionQual: JurisdictionQual.schema.optional(),
  JurisdictionCode: z.string().optional(),
  TaxExemptCode: TaxExemptCode.schema.optional(),
  RelationshipCode: RelationshipCode.schema.optional(),
  PercentDollarBasis: z.number().optional(),
  TaxHandlingCode: TaxHandlingCode.schema.optional(),
  TaxID: z.string().optional(),
  AssignedID: z.string().optional(),
  Description: z.string().optional(),
});
export type { Taxes } from "../../generated/document-types.js";
