/**
 * The outbound flows the side-by-side and by-size measures time, and the names their results go by. Apart from the
 * measures so that the goals and the report read them without loading a connector or a sandbox.
 */
import type { OutboundFlow } from "../support/connector.js";

/** The X12 number of what each outbound flow sends, for labels. */
export const outboundDocumentType: Record<OutboundFlow, string> = {
  "invoices-out": "810",
  "asns-out": "856",
  "acks-out": "855",
};

/** Where each flow's `outbound-flat` result is kept in results/latest.json (invoices-out's under the key it had alone). */
export const outboundFlatKeys: Record<OutboundFlow, string> = {
  "invoices-out": "outbound-flat",
  "asns-out": "outbound-flat-asns-out",
  "acks-out": "outbound-flat-acks-out",
};

/** The outbound flow `name` names (an environment variable's value), or an error that says what `what` accepts. */
export function outboundFlowOf(name: string, what: string): OutboundFlow {
  const flow = name.trim();
  // Own keys only: `in` would also accept "toString" and the other names every object inherits.
  if (!Object.hasOwn(outboundDocumentType, flow)) {
    throw new Error(`${what}: "${flow}" is not an outbound flow (invoices-out, asns-out or acks-out)`);
  }
  return flow as OutboundFlow;
}
