// biome-ignore-all assist/source/organizeImports: this file is a hand-ordered table of contents, grouped by section.

// @ml-connector/sync-core: the public surface, as a table of contents.

// ── State: the store ports, in-memory stores, mapping records, storeSupport ─────────────────────────────────────────
// They live in @ml-connector/state (which store adapters depend on, without the engine or an HTTP client); everything
// it exports is re-exported here, so that applications need one import and earlier imports of sync-core keep working.
export * from "@ml-connector/state";

// ── The exactly-once ledger: one protocol for every effect (begin → call → complete/fail → settle by lookup) ─────────
export {
  changeOrderEffect,
  closeOrderEffect,
  createOrderEffect,
  type EffectDefinition,
  orderEffects,
  readEffect,
  readResult,
  replaceOrderEffect,
  type TypedEffect,
  uploadEffect,
} from "./ledger/effects.js";
export {
  DEFAULT_IN_DOUBT_WINDOW_MS,
  EffectInDoubtError,
  type EffectOutcome,
  IN_DOUBT,
  type InDoubtPolicy,
  mayHaveHappened,
  type RunEffectOptions,
  runEffect,
  settleUnfinished,
} from "./ledger/run-effect.js";

// ── Mapping loading: config objects and CSV files ───────────────────────────────────────────────────────────────────
export {
  applyMappings,
  importMappingCsvFile,
  type LoadMappingsCsvOptions,
  loadMappingsCsv,
  loadMappingsFromConfig,
} from "./mappings/load.js";
export { csvColumns } from "./mappings/csv.js";

// ── The engine: connector, flows, scheduler, events ─────────────────────────────────────────────────────────────────
export {
  type Connector,
  type ConnectorOptions,
  createConnector,
  type OrdersInSettings,
  type ReplayResult,
  type RunOnceOptions,
  replayableStatuses,
} from "./engine/connector.js";
export {
  type DocumentOutcome,
  type Flow,
  type FlowContext,
  type FlowName,
  type FlowRunSummary,
  flowNames,
  type RunProblem,
} from "./engine/flow.js";
export { type AuthSystem, systemOfError } from "./engine/auth-system.js";
export {
  type ConnectorEvent,
  type ConnectorEventListener,
  ConnectorEvents,
  type ConnectorEventType,
} from "./events/connector-events.js";
export { createScheduler, type FlowSchedule, type Scheduler, type SchedulerOptions } from "./scheduler/scheduler.js";

// ── orders-in: where 850s come from and how orders reach X3 ─────────────────────────────────────────────────────────
export {
  createSpsMailboxSource,
  DEFAULT_INBOUND_FOLDERS,
  missingRouteMessage,
  type ResolvedFolder,
  resolveMailboxFolders,
  type SpsMailboxSourceOptions,
} from "./adapters/sps-mailbox-source.js";
export {
  applyOrderChange,
  type ChangeStamp,
  changeSequenceNumber,
  compareChangeStamps,
  lineChangeCodes,
  type OrderChangeResult,
} from "./flows/orders-in/apply-order-change.js";
export { type MapOrderResult, mapOrder } from "./flows/orders-in/map-order.js";
export type { InboundFile, OrderSource, SourceNotes } from "./ports/order-source.js";
export {
  DEFAULT_CHANGE_WAIT_MS,
  type OrderProcessingOptions,
  settledInboundStatuses,
} from "./flows/orders-in/processing.js";
export type { OrderDraft, OrderGateway, OrderLineDraft, OrderRef } from "./ports/order-gateway.js";
export type {
  /** @deprecated Renamed `OrderDraft` (fields `counterparty` and `poNumber`). */
  OrderDraft as X3OrderDraft,
  /** @deprecated Renamed `OrderGateway`. */
  OrderGateway as X3OrderGateway,
  /** @deprecated Renamed `OrderLineDraft`. */
  OrderLineDraft as X3OrderLineDraft,
  /** @deprecated Renamed `OrderRef`. */
  OrderRef as X3OrderRef,
} from "./ports/order-gateway.js";

// ── Outbound flows: 855 acks-out, 856 asns-out, 810 invoices-out (X3 changes → SPS) ────────────────────────────────
export type {
  ChangeReadOptions,
  ChangeWindow,
  X3ChangeFeed,
  X3ChangeKind,
  X3ChangeRecords,
  X3Delivery,
  X3DeliveryLine,
  X3DeliveryPack,
  X3Invoice,
  X3InvoiceCharge,
  X3InvoiceLine,
  X3SalesOrder,
  X3SalesOrderLine,
  X3Stamped,
} from "./ports/x3-change-feed.js";
export type { DocumentSink, OutboundFile } from "./ports/document-sink.js";
export {
  type ChangeCursor,
  type ChangeWindowSettings,
  changeWindow,
  DEFAULT_LOOKBACK_MS,
  DEFAULT_SAFETY_LAG_MS,
} from "./flows/outbound/change-window.js";
export type { OutboundSettings, OutboundRsxType } from "./flows/outbound/publish.js";
export { type AcksOutSettings, decideLines } from "./flows/outbound/acks-out.js";
export { type AsnsOutSettings, type ShipFromAddress, ssccSequenceName } from "./flows/outbound/asns-out.js";
export { defaultChargeCodes, type InvoicesOutSettings, termsFromCode } from "./flows/outbound/invoices-out.js";
export {
  type OutboundFlowName,
  type OutboundFlowsSettings,
  outboundFlowNames,
} from "./flows/outbound/outbound-flows.js";
export { createSageX3OrderGateway, type SageX3OrderGatewayOptions } from "./adapters/sage-x3-order-gateway.js";
export {
  type PlanLineEditOptions,
  planLineEdit,
  purchaseLineFields,
  salesLineFields,
  sourceLineFieldProblem,
  type WantedLine,
  type X3LineEdit,
  type X3LineFields,
} from "./adapters/x3-order-edit.js";
export {
  createSageX3ChangeFeed,
  type SageX3ChangeFeedOptions,
} from "./adapters/sage-x3-change-feed.js";
export { createSpsVerdictSource } from "./adapters/sps-verdict-source.js";
export { applySpsVerdicts, VERDICT_LOOKBACK_MS } from "./flows/outbound/sps-verdicts.js";
export type { UploadVerdict, VerdictSource } from "./ports/verdict-source.js";
export {
  createSpsDocumentSink,
  type SpsDocumentSinkOptions,
  type UploadDocumentType,
  uploadFolderOf,
} from "./adapters/sps-document-sink.js";
