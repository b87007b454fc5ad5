import { z } from "zod";
import { RegulatoryComplianceQual, YesOrNoResponse } from "../../code-lists/index.js";

export const regulatoryCompliancesSchema = z.strictObject({
  RegulatoryComplianceQual: RegulatoryComplianceQual.schema.optional(),
  YesOrNoResponse: YesOrNoResponse.schema.optional(),
  RegulatoryComplianceID: z.string().optional(),
  RegulatoryAgency: z.string().optional(),
  Description: z.string().optional(),
});
export type { RegulatoryCompliances } from "../../generated/document-types.js";
