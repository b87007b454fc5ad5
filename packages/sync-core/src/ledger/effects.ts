import type { EffectRecord, JsonObject } from "@ml-connector/state";
import { orderKindSchema } from "@ml-connector/state";
import { z } from "zod";

/**
 * One kind of effect the connector causes in another system: how its ledger key is made from what names it, the
 * data it keeps in the ledger to settle it after a crash, and the result it records once done. The ledger is a store,
 * so its content is a boundary: data and results are read back through these schemas, never cast.
 */
export interface EffectDefinition<Key, Data extends JsonObject, Result extends JsonObject> {
  /** Stored as the entry's `operation`, e.g. `x3.create-order`. */
  readonly operation: string;
  /** The ledger key. The format is private to this module and stable: entries of earlier versions are found again. */
  key(key: Key): string;
  readonly data: z.ZodType<Data>;
  readonly result: z.ZodType<Result>;
}

/** A ledger entry read back through its definition. */
export interface TypedEffect<Data, Result> {
  record: EffectRecord;
  data: Data;
  /** When done and readable. */
  result: Result | undefined;
}

function defineEffect<Key, Data extends JsonObject, Result extends JsonObject>(
  definition: EffectDefinition<Key, Data, Result>,
): EffectDefinition<Key, Data, Result> {
  return definition;
}

/**
 * Reads an entry as an effect of this definition: `undefined` when it is another operation, or when its data does not
 * match (an entry this version cannot settle: reported, never guessed at).
 */
export function readEffect<Key, Data extends JsonObject, Result extends JsonObject>(
  definition: EffectDefinition<Key, Data, Result>,
  record: EffectRecord,
): TypedEffect<Data, Result> | undefined {
  if (record.operation !== definition.operation) return undefined;
  const data = definition.data.safeParse(record.data);
  if (!data.success) return undefined;
  return { record, data: data.data, result: readResult(definition, record.result) };
}

/** A stored result read through its definition (`undefined` when absent or unreadable). */
export function readResult<Key, Data extends JsonObject, Result extends JsonObject>(
  definition: EffectDefinition<Key, Data, Result>,
  value: unknown,
): Result | undefined {
  if (value === undefined) return undefined;
  const parsed = definition.result.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** What names one X3 order effect of orders-in: the partner and its PO number. */
export interface PartnerPo {
  partnerId: string;
  po: string;
}

const orderRefData = z.object({ kind: orderKindSchema, key: z.string() });
const x3KeyResult = z.object({ x3Key: z.string() });

/** An 850 00 (or a 05 for an order X3 does not have): one X3 order per partner + PO. Not repeatable: look first. */
export const createOrderEffect = defineEffect({
  operation: "x3.create-order",
  key: ({ partnerId, po }: PartnerPo) => `orders-in:create:${partnerId}:${po}`,
  // The counterparty and PO number, under the names the ledger has always stored them with.
  data: z.object({ kind: orderKindSchema, partyCode: z.string(), reference: z.string() }),
  result: x3KeyResult,
});

/** An 850 05 applied to an existing order, once per content. Repeatable: it carries the whole order. */
export const replaceOrderEffect = defineEffect({
  operation: "x3.replace-order",
  key: ({ partnerId, po, contentSha256 }: PartnerPo & { contentSha256: string }) =>
    `orders-in:replace:${partnerId}:${po}:${contentSha256.slice(0, 32)}`,
  data: orderRefData,
  result: x3KeyResult,
});

/**
 * An 860 (order change) applied to an existing order, once per content. Repeatable: it carries the whole order as
 * changed (the 850, the changes applied before it, and this one), so redoing it plans an empty edit.
 */
export const changeOrderEffect = defineEffect({
  operation: "x3.change-order",
  key: ({ partnerId, po, contentSha256 }: PartnerPo & { contentSha256: string }) =>
    `orders-in:change:${partnerId}:${po}:${contentSha256.slice(0, 32)}`,
  data: orderRefData,
  result: x3KeyResult,
});

/** An 850 01 or an 860 01: the order closed. Repeatable. */
export const closeOrderEffect = defineEffect({
  operation: "x3.close-order",
  key: ({ partnerId, po }: PartnerPo) => `orders-in:cancel:${partnerId}:${po}`,
  data: orderRefData,
  result: x3KeyResult,
});

/** An outbound document written once to the SPS mailbox under its file name. */
export const uploadEffect = defineEffect({
  operation: "sps.upload",
  key: ({ flow, documentId }: { flow: string; documentId: string }) => `${flow}:upload:${documentId}`,
  data: z.object({ fileName: z.string(), test: z.boolean() }),
  result: z.object({ path: z.string() }),
});

/** The effects orders-in causes in X3: the ones its reconciliation at the start of a run settles. */
export const orderEffects = [createOrderEffect, replaceOrderEffect, changeOrderEffect, closeOrderEffect] as const;
