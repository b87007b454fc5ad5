import { z } from "zod";
import { metaSchema } from "../schemas/common/meta.js";
import { rsxDate, rsxInteger, rsxString, rsxTime, tradingPartnerId } from "../schemas/primitives.js";

/*
 * A 997 functional acknowledgment as SPS delivers it to an account's mailbox. SPS publishes no RSX schema for it, so
 * this one is ours: the X12 997's content (AK1 group, AK2/AK5 per transaction set, AK3/AK4 error notes, AK9 group
 * trailer) under RSX's conventions (a `Header` with a `*Header` object, PascalCase names, arrays for repeating
 * groups, `<FunctionalAcks xmlns="http://www.spscommerce.com/RSX"><FunctionalAck>` in XML).
 */

/** AK501/AK901 acknowledgment codes: A accepted, E accepted with errors, P partially accepted (group only), R/M/W/X rejected. */
export const functionalAckCodes = {
  A: "Accepted",
  E: "Accepted But Errors Were Noted",
  P: "Partially Accepted, At Least One Transaction Set Was Rejected",
  R: "Rejected",
  M: "Rejected, Message Authentication Code (MAC) Failed",
  W: "Rejected, Assurance Failed Validity Tests",
  X: "Rejected, Content After Decryption Could Not Be Analyzed",
} as const;

export type FunctionalAckCode = keyof typeof functionalAckCodes;

const ackCode = z.enum(Object.keys(functionalAckCodes) as [FunctionalAckCode, ...FunctionalAckCode[]]);

/** AK4: one data element in error. */
export const dataElementNoteSchema = z.strictObject({
  /** AK401: the element's position in the segment (1-based). */
  ElementPosition: rsxInteger.optional(),
  /** AK402: the X12 data element reference number. */
  DataElementReferenceNumber: rsxString.optional(),
  /** AK403: the data element syntax error code (1-10, 12, 13...). */
  DataElementSyntaxErrorCode: rsxString,
  /** AK404: a copy of the bad value. */
  BadDataElementCopy: rsxString.optional(),
});

/** AK3: one segment in error, with its element notes. */
export const dataSegmentNoteSchema = z.strictObject({
  /** AK301: the segment id, e.g. `BAK`, `IT1`. */
  SegmentIdCode: rsxString,
  /** AK302: the segment's position in the transaction set. */
  SegmentPosition: rsxInteger.optional(),
  /** AK303: the loop identifier. */
  LoopIdentifierCode: rsxString.optional(),
  /** AK304: the segment syntax error code (1-8). */
  SegmentSyntaxErrorCode: rsxString.optional(),
  DataElementNote: z.array(dataElementNoteSchema).optional(),
});

/** AK2 ... AK5: the response on one transaction set (one document) of the group. */
export const transactionSetResponseSchema = z.strictObject({
  /** AK201: the acknowledged document's transaction set, e.g. `855`, `856`, `810`. */
  TransactionSetIdentifierCode: rsxString,
  /** AK202: its control number (the `DocumentControlNumber` of the document's Meta). */
  TransactionSetControlNumber: rsxString.min(1),
  /** The acknowledged document's purchase order number, when SPS gives it: narrows the search for the document. */
  PurchaseOrderNumber: rsxString.optional(),
  /** AK501. */
  TransactionSetAcknowledgmentCode: ackCode,
  /** AK502-AK506: transaction set syntax error codes (1-27). */
  TransactionSetSyntaxErrorCodes: z.array(rsxString).optional(),
  DataSegmentNote: z.array(dataSegmentNoteSchema).optional(),
});

export const functionalAckHeaderSchema = z.strictObject({
  TradingPartnerId: tradingPartnerId,
  /** AK101: the functional group acknowledged: `PR` (855), `SH` (856), `IN` (810), `PO` (850)... */
  FunctionalIdentifierCode: rsxString,
  /** AK102: the acknowledged group's control number (the `GroupControlNumber` of the documents' Meta). */
  GroupControlNumber: rsxString.min(1),
  AcknowledgmentDate: rsxDate.optional(),
  AcknowledgmentTime: rsxTime.optional(),
  /** AK901. */
  GroupAcknowledgmentCode: ackCode,
  /** AK902-AK904. */
  NumberOfTransactionSetsIncluded: rsxInteger.optional(),
  NumberOfReceivedTransactionSets: rsxInteger.optional(),
  NumberOfAcceptedTransactionSets: rsxInteger.optional(),
  /** AK905-AK909: functional group syntax error codes (1-6, 17-26). */
  GroupSyntaxErrorCodes: z.array(rsxString).optional(),
});

export const functionalAckSchema = z.strictObject({
  Meta: metaSchema.optional(),
  Header: z.strictObject({ FunctionalAckHeader: functionalAckHeaderSchema }),
  TransactionSetResponse: z.array(transactionSetResponseSchema).optional(),
});

export type FunctionalAck = z.output<typeof functionalAckSchema>;
export type FunctionalAckHeader = z.output<typeof functionalAckHeaderSchema>;
export type TransactionSetResponse = z.output<typeof transactionSetResponseSchema>;
export type DataSegmentNote = z.output<typeof dataSegmentNoteSchema>;

/** The XML names: `<FunctionalAcks xmlns="http://www.spscommerce.com/RSX"><FunctionalAck>...`. */
export const functionalAckXmlNames = { root: "FunctionalAcks", element: "FunctionalAck" } as const;

/** AK502 transaction set syntax error codes (X12). */
export const transactionSetErrorCodes: Readonly<Record<string, string>> = {
  "1": "Transaction Set Not Supported",
  "2": "Transaction Set Trailer Missing",
  "3": "Transaction Set Control Number in Header and Trailer Do Not Match",
  "4": "Number of Included Segments Does Not Match Actual Count",
  "5": "One or More Segments in Error",
  "6": "Missing or Invalid Transaction Set Identifier",
  "7": "Missing or Invalid Transaction Set Control Number",
  "23": "Transaction Set Control Number Not Unique within the Functional Group",
};

/** AK304 segment syntax error codes (X12). */
export const segmentErrorCodes: Readonly<Record<string, string>> = {
  "1": "Unrecognized segment ID",
  "2": "Unexpected segment",
  "3": "Mandatory segment missing",
  "4": "Loop Occurs Over Maximum Times",
  "5": "Segment Exceeds Maximum Use",
  "6": "Segment Not in Defined Transaction Set",
  "7": "Segment Not in Proper Sequence",
  "8": "Segment Has Data Element Errors",
};

/** AK403 data element syntax error codes (X12). */
export const elementErrorCodes: Readonly<Record<string, string>> = {
  "1": "Mandatory data element missing",
  "2": "Conditional required data element missing",
  "3": "Too many data elements",
  "4": "Data element too short",
  "5": "Data element too long",
  "6": "Invalid character in data element",
  "7": "Invalid code value",
  "8": "Invalid Date",
  "9": "Invalid Time",
  "10": "Exclusion Condition Violated",
};

/** AK905 functional group syntax error codes (X12). */
export const groupErrorCodes: Readonly<Record<string, string>> = {
  "1": "Functional Group Not Supported",
  "2": "Functional Group Version Not Supported",
  "3": "Functional Group Trailer Missing",
  "4": "Group Control Number in the Functional Group Header and Trailer Do Not Agree",
  "5": "Number of Included Transaction Sets Does Not Match Actual Count",
  "6": "Group Control Number Violates Syntax",
};
