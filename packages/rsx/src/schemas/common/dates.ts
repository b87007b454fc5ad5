import { z } from "zod";
import { DateTimeQualifier } from "../../code-lists/index.js";
import { rsxDate, rsxTime } from "../primitives.js";

export const datesSchema = z.strictObject({
  DateTimeQualifier: DateTimeQualifier.schema.optional(),
  Date: rsxDate.optional(),
  Time: rsxTime.optional(),
  DateTimePeriod: z.string().optional(),
});
export type { Dates } from "../../generated/document-types.js";
