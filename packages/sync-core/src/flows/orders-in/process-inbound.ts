import { isFunctionalAckFile, type ProcessedFunctionalAck, processFunctionalAck } from "./functional-acks.js";
import { type OrderProcessingDeps, type ProcessedOrder, processOrderPayload } from "./process-order.js";
import type { InboundSource } from "./processing.js";

/**
 * One file from the mailbox (or its stored bytes, on replay): a 997 functional acknowledgment is applied to the
 * uploads it acknowledges; anything else goes through orders-in's 850 processing (which parks what it cannot process).
 */
export function processInboundPayload(
  deps: OrderProcessingDeps,
  payload: Uint8Array,
  source: InboundSource,
  signal?: AbortSignal,
): Promise<ProcessedOrder & Partial<Pick<ProcessedFunctionalAck, "verdicts">>> {
  // Not an async function: the chosen processing's own promise is answered, with no layer (and no turn) of its own.
  try {
    return source.existing?.type === "997" || isFunctionalAckFile(source.fileName, payload)
      ? processFunctionalAck(deps, payload, source)
      : processOrderPayload(deps, payload, source, signal);
  } catch (error) {
    return Promise.reject(error);
  }
}
