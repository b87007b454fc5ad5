import { z } from "zod";
import { ReferenceQual } from "../../code-lists/index.js";
import { rsxDate, rsxTime } from "../primitives.js";

export const referenceIDsSchema = z.strictObject({
  ReferenceQual: ReferenceQual.schema.optional(),
  ReferenceID: z.string().optional(),
});
export type { ReferenceIDs } from "../../generated/document-types.js";

export const referencesSchema = z.strictObject({
  ReferenceQual: ReferenceQual.schema.optional(),
  ReferenceID: z.string().optional(),
  Description: z.string().optional(),
  Date: rsxDate.optional(),
  Time: rsxTime.optional(),
  ReferenceIDs: z.array(referenceIDsSchema).optional(),
});
export type { References } from "../../generated/document-types.js";
