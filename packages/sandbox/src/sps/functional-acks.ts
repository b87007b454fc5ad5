import {
  type DataSegmentNote,
  type FunctionalAck,
  type FunctionalAckCode,
  functionalAckFileName,
  parseRsx,
  readMeta,
  serializeFunctionalAck,
  x12FunctionalGroups,
  x12TransactionSets,
} from "@ml-connector/rsx";
import type { SpsUploadedFile, SpsUploadIssue } from "./mailbox.js";

/** What the partner's 997 says about one upload: its AK5 code, AK502 error codes and AK3/AK4 notes. */
export interface SpsFunctionalAckResponse {
  code: FunctionalAckCode;
  syntaxErrors?: readonly string[] | undefined;
  notes?: readonly DataSegmentNote[] | undefined;
}

/**
 * Decides the 997 a trading partner sends back for an upload, given SPS's verdict on it: a response, or undefined
 * for none (a partner that sends no 997 for it).
 */
export type SpsFunctionalAckRule = (
  file: SpsUploadedFile,
  verdict: { status: "accepted" | "rejected"; issues: readonly SpsUploadIssue[] },
) => SpsFunctionalAckResponse | undefined;

/** `functionalAcks: true`: the 997 mirrors SPS's verdict, `A` for accepted, `R` (error 5) for rejected. */
export const mirrorVerdict: SpsFunctionalAckRule = (_file, verdict) =>
  verdict.status === "accepted" ? { code: "A" } : { code: "R", syntaxErrors: ["5"] };

/**
 * Builds the 997 for an upload, in the upload's format, naming it by the control numbers its Meta carries (SPS's
 * own, `unassigned`, when it carries none: such a 997 leads back to nothing the sender knows). Undefined when the
 * upload cannot be read as an RSX document (SPS's history reports that one; no partner ever saw it).
 */
export function buildFunctionalAckFor(
  file: SpsUploadedFile,
  response: SpsFunctionalAckResponse,
  sequence: number,
  today: Date,
): { name: string; text: string } | undefined {
  const parsed = parseRsx(file.content, { fileName: file.name, lenient: true, codes: "warn" });
  if (!parsed.ok) return undefined;
  const document = parsed.document as { Meta?: Parameters<typeof readMeta>[0]["Meta"]; Header: object };
  const header = Object.values(document.Header)[0] as { TradingPartnerId?: string; PurchaseOrderNumber?: string };
  const { controlNumbers } = readMeta(document);
  const group = controlNumbers.group ?? `unassigned${sequence}`;
  const control = controlNumbers.document ?? group;
  const rejected = response.code !== "A" && response.code !== "E";
  const ack: FunctionalAck = {
    Header: {
      FunctionalAckHeader: {
        TradingPartnerId: header.TradingPartnerId ?? "UNKNOWN",
        FunctionalIdentifierCode: x12FunctionalGroups[x12TransactionSets[parsed.type]],
        GroupControlNumber: group,
        AcknowledgmentDate: today.toISOString().slice(0, 10),
        AcknowledgmentTime: today.toISOString().slice(11, 19),
        GroupAcknowledgmentCode: response.code,
        NumberOfTransactionSetsIncluded: 1,
        NumberOfReceivedTransactionSets: 1,
        NumberOfAcceptedTransactionSets: rejected ? 0 : 1,
      },
    },
    TransactionSetResponse: [
      {
        TransactionSetIdentifierCode: x12TransactionSets[parsed.type],
        TransactionSetControlNumber: control,
        ...(header.PurchaseOrderNumber ? { PurchaseOrderNumber: header.PurchaseOrderNumber } : {}),
        TransactionSetAcknowledgmentCode: response.code,
        ...(response.syntaxErrors?.length ? { TransactionSetSyntaxErrorCodes: [...response.syntaxErrors] } : {}),
        ...(response.notes?.length ? { DataSegmentNote: [...response.notes] } : {}),
      },
    ],
  };
  const name = functionalAckFileName({ id: String(sequence).padStart(9, "0"), format: parsed.format });
  return { name, text: serializeFunctionalAck(ack, { format: parsed.format }) };
}
