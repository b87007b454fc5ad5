import type { AuditDocument } from "@ml-connector/state";
import { ConnectorError } from "@ml-connector/transport";
import type { DocumentOutcome, Flow, FlowContext } from "../../engine/flow.js";
import { type AcksOutSettings, acksOutDefinition } from "./acks-out.js";
import { type AsnsOutSettings, asnsOutDefinition, createSerialTaker } from "./asns-out.js";
import { type InvoicesOutSettings, invoicesOutDefinition } from "./invoices-out.js";
import { createOutboundFlow, replayOutbound } from "./outbound-flow.js";
import type { OutboundDeps, OutboundSettings } from "./publish.js";

export type OutboundFlowName = "acks-out" | "asns-out" | "invoices-out";
export const outboundFlowNames: readonly OutboundFlowName[] = ["acks-out", "asns-out", "invoices-out"];

/** Per-flow settings of the outbound flows, as `createConnector({ flows })` takes them. */
export interface OutboundFlowsSettings {
  "acks-out"?: AcksOutSettings | undefined;
  "asns-out"?: AsnsOutSettings | undefined;
  "invoices-out"?: InvoicesOutSettings | undefined;
}

export interface OutboundFlows {
  /** The enabled flows. */
  readonly names: readonly OutboundFlowName[];
  create(name: OutboundFlowName): Flow;
  settings(name: OutboundFlowName): OutboundSettings;
  /** The flow that sends documents of this type (855 → acks-out...). */
  flowFor(document: AuditDocument): OutboundFlowName | undefined;
  /** Rebuilds a rejected or failed outbound document from X3 and uploads it (see `replayOutbound`). */
  replay(document: AuditDocument, context: FlowContext): Promise<{ document: AuditDocument; outcome: DocumentOutcome }>;
}

const flowByType: Record<string, OutboundFlowName> = { "855": "acks-out", "856": "asns-out", "810": "invoices-out" };

/** The three outbound flows over one X3 change feed and one document sink. */
export function createOutboundFlows(deps: OutboundDeps, settings: OutboundFlowsSettings = {}): OutboundFlows {
  const asns = settings["asns-out"] ?? {};
  if (asns.enabled !== false && !/^\d{7,10}$/.test(asns.gs1CompanyPrefix ?? "")) {
    throw new ConnectorError(
      asns.gs1CompanyPrefix === undefined
        ? "asns-out needs flows['asns-out'].gs1CompanyPrefix (your GS1 company prefix, 7-10 digits) to number packs with SSCC-18; or set flows['asns-out'].enabled to false."
        : `flows['asns-out'].gs1CompanyPrefix must be 7-10 digits (got "${asns.gs1CompanyPrefix}").`,
      { kind: "configuration" },
    );
  }
  // One per connector, so that the serial taken ahead outlives the run.
  const takeSerial = createSerialTaker(deps.sequences);
  const definitions = {
    "acks-out": () => acksOutDefinition(deps, settings["acks-out"] ?? {}),
    "asns-out": () => asnsOutDefinition(deps, asns, takeSerial),
    "invoices-out": () => invoicesOutDefinition(deps, settings["invoices-out"] ?? {}),
  };
  const settingsOf = (name: OutboundFlowName): OutboundSettings => settings[name] ?? {};
  const names = outboundFlowNames.filter((name) => settingsOf(name).enabled !== false);
  return {
    names,
    settings: settingsOf,
    create: (name) => createOutboundFlow(deps, settingsOf(name), definitions[name]()),
    flowFor: (document) => (document.direction === "out" ? flowByType[document.type] : undefined),
    async replay(document, context) {
      const name = flowByType[document.type];
      if (document.direction !== "out" || !name) {
        throw new ConnectorError(`Document ${document.id} is not an outbound 855, 856 or 810.`, {
          kind: "configuration",
        });
      }
      return replayOutbound(deps, settingsOf(name), definitions[name](), document, context);
    },
  };
}
