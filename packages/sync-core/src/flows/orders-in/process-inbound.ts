import { isFunctionalAckFile, type ProcessedFunctionalAck, processFunctionalAck } from "./functional-acks.js";
import { type OrderProcessingDeps, type ProcessedOrder, processOrderPayload } from "./process-order.js";
import type { InboundSource } from "./processing.js";

/**
 * One file from the mailbox (or its stored bytes, on replay): a 997 functional acknowledgment is applied to the
 * uploads it acknowledges; anything else goes through orders-in's 850 processing (which parks what it cannot process).
 */
export async function processInboundPayload(
  deps: OrderProcessingDeps,
  payload: Uint8Array,
  source: InboundSource,
  signal?: AbortSignal,
): Promise<ProcessedOrder & Partial<Pick<ProcessedFunctionalAck, "verdicts">>> {
  if (source.existing?.type === "997" || isFunctionalAckFile(source.fileName, payload)) {
    return await processFunctionalAck(deps, payload, source);
  }
  // Awaited: an async function that returns a promise pays two more turns of the queue and a promise to adopt it.
  return await processOrderPayload(deps, payload, source, signal);
}
