import { z } from "zod";
import {
  FOBLocationQualifier,
  FOBPayCode,
  FOBTitlePassageCode,
  RiskOfLossCode,
  TransportationTermsType,
} from "../../code-lists/index.js";

export const fobRelatedInstructionSchema = z.strictObject({
  FOBPayCode: FOBPayCode.schema.optional(),
  FOBLocationQualifier: FOBLocationQualifier.schema.optional(),
  FOBLocationDescription: z.string().optional(),
  FOBTitlePassageCode: FOBTitlePassageCode.schema.optional(),
  FOBTitlePassageLocation: z.string().optional(),
  TransportationTermsType: TransportationTermsType.schema.optional(),
  TransportationTerms: z.string().optional(),
  RiskOfLossCode: RiskOfLossCode.schema.optional(),
  Description: z.string().optional(),
});
export type { FOBRelatedInstruction } from "../../generated/document-types.js";
