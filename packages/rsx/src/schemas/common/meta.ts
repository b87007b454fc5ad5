import { z } from "zod";
import { OrderManagement } from "../../code-lists/index.js";

export const metaSchema = z.strictObject({
  SenderUniqueID: z.string().optional(),
  SenderCompanyName: z.string().optional(),
  ReceiverUniqueID: z.string().optional(),
  ReceiverCompanyName: z.string().optional(),
  IsDropShip: z.boolean().optional(),
  InterchangeControlNumber: z.string().optional(),
  GroupControlIdentifier: z.string().optional(),
  GroupControlNumber: z.string().optional(),
  DocumentControlIdentifier: z.string().optional(),
  DocumentControlNumber: z.string().optional(),
  InterchangeSenderID: z.string().optional(),
  InterchangeReceiverID: z.string().optional(),
  GroupSenderID: z.string().optional(),
  GroupReceiverID: z.string().optional(),
  BatchPart: z.string().optional(),
  BatchTotal: z.number().int().optional(),
  BatchID: z.string().optional(),
  Comments: z.string().optional(),
  Validation: z.string().optional(),
  OrderManagement: OrderManagement.schema.optional(),
  Version: z.string().optional(),
});
export type { RsxMeta } from "../../generated/document-types.js";
