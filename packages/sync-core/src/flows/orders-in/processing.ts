import {
  checkRules,
  commonRules,
  type ParseResult,
  parseRsx,
  parseRsxFileName,
  type RsxDocumentMap,
  type RsxDocumentType,
  type RuleSet,
  x12TransactionSets,
} from "@ml-connector/rsx";
import type {
  AuditDocument,
  AuditStore,
  DocumentStatus,
  DocumentType,
  JsonObject,
  JsonValue,
  MappingStore,
  Reason,
} from "@ml-connector/state";
import { storeSupport } from "@ml-connector/state";
import type { KeyedMutex } from "../../concurrency/keyed-mutex.js";
import type { WorkClaims } from "../../concurrency/work-claims.js";
import type { DocumentOutcome, FlowName } from "../../engine/flow.js";
import type { ConnectorEvents } from "../../events/connector-events.js";
import type { InDoubtPolicy } from "../../ledger/run-effect.js";
import type { OrderGateway } from "../../ports/order-gateway.js";

const { boundReasons, MAX_REASONS } = storeSupport;

export const ORDERS_IN: FlowName = "orders-in";

/** The X12 transaction set of each RSX document type, as the audit trail's document type. */
export const x12TypeOf: Readonly<Record<RsxDocumentType, DocumentType>> = x12TransactionSets;

/** The document type a file name announces (`PR…-v7.7-….json` is an 855), for files that were never read. */
export function documentTypeOfFileName(fileName: string): DocumentType {
  const type = parseRsxFileName(fileName.trim())?.type;
  return type ? x12TypeOf[type] : "850";
}

/** Statuses after which an inbound file may leave the mailbox: its effect or its rejection is durable. */
export const settledInboundStatuses: readonly DocumentStatus[] = [
  "created",
  "updated",
  "cancelled",
  "duplicate",
  "ignored",
  "rejected",
  "applied",
];

export function isSettled(status: DocumentStatus): boolean {
  return settledInboundStatuses.includes(status);
}

/** How long an 860 waits for the order it changes by default: 48 hours. */
export const DEFAULT_CHANGE_WAIT_MS = 48 * 60 * 60 * 1000;

export interface OrderProcessingOptions {
  /** Apply the shipped `commonRules` on top of the schema. Default true. */
  commonRules?: boolean | undefined;
  /** Retailer rule sets by TradingPartnerId. */
  partnerRules?: Record<string, RuleSet | readonly RuleSet[]> | undefined;
  /** Unknown properties become warnings instead of a rejection. Default false. */
  lenient?: boolean | undefined;
  /** Larger files are rejected unread. Default 10 MB. */
  maxBytes?: number | undefined;
  /**
   * How long an 860 (order change) whose order X3 does not have yet stays in the mailbox, retried each run, before
   * it is rejected: the 850 may still be on its way (a later file, a mapping being fixed). Default 48 hours.
   */
  changeWaitMs?: number | undefined;
  /** The clock the wait is measured by. Default the system clock. */
  now?: (() => Date) | undefined;
}

export interface OrderProcessingDeps {
  audit: AuditStore;
  mappings: MappingStore;
  gateway: OrderGateway;
  events: ConnectorEvents;
  keyLock: KeyedMutex;
  /** With several instances on one store: each PO is claimed (a lease) by one instance while it is processed. */
  claims?: WorkClaims | undefined;
  /** When an X3 effect left in doubt is looked for or done again. Without it: at once. */
  inDoubt?: InDoubtPolicy | undefined;
  options: OrderProcessingOptions;
}

/** Where an inbound payload comes from: a mailbox file (the document of an earlier try, if any), or a replay. */
export interface InboundSource {
  fileName: string;
  existing?: AuditDocument | undefined;
  /** From the stored bytes, not the mailbox: no file brings it back if it must wait. */
  replay?: boolean | undefined;
}

export interface ProcessedOrder {
  document: AuditDocument;
  outcome: DocumentOutcome;
  /** The document was parked already, for the same reasons: nothing was written and nothing needs saying again. */
  unchanged?: boolean | undefined;
}

export { sha256Hex } from "@ml-connector/state";

/** The natural key of a PO's 850: what every document of the PO (850, 860) is serialised and claimed by. */
export const orderNaturalKey = (partnerId: string, po: string) => `850:${partnerId}:${po}`;

export function toReason(issue: { path: string; code: string; message: string }): Reason {
  return { path: issue.path, code: issue.code, message: issue.message };
}

export function sameCodes(a: readonly Reason[], b: readonly Reason[]): boolean {
  return a.length === b.length && a.every((reason, index) => reason.code === b[index]?.code);
}

/** Characters of one kept legacy value (as JSON), at most; a longer one is kept cut, as text. */
const MAX_LEGACY_TEXT = 2000;

/**
 * What the audit record keeps of how the document was read: its RSX version, every parse warning (unknown codes
 * kept, 7.6 fields with no 7.7 home...) and the values of those 7.6 fields, bounded like reasons are, so a hostile
 * file cannot grow the record without limit.
 */
export function rsxMetadata(parsed: {
  version?: string | undefined;
  warnings: readonly { path: string; code: string; message: string }[];
  legacy?: Readonly<Record<string, unknown>> | undefined;
}): JsonObject | undefined {
  const metadata: JsonObject = {};
  if (parsed.version) metadata.rsxVersion = parsed.version;
  if (parsed.warnings.length > 0) {
    metadata.warnings = boundReasons(parsed.warnings.map(toReason)) as unknown as JsonValue[];
  }
  const legacy = Object.entries(parsed.legacy ?? {});
  if (legacy.length > 0) {
    const kept: JsonObject = {};
    for (const [path, value] of legacy.slice(0, MAX_REASONS)) {
      const json = JSON.stringify(value) ?? "null";
      kept[path] =
        json.length <= MAX_LEGACY_TEXT
          ? (JSON.parse(json) as JsonValue)
          : `${json.slice(0, MAX_LEGACY_TEXT)}… (${(json.length - MAX_LEGACY_TEXT).toLocaleString("en-US")} characters cut)`;
    }
    metadata.legacy = kept;
    if (legacy.length > MAX_REASONS) metadata.legacyNotStored = legacy.length - MAX_REASONS;
  }
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

/** The rule sets an inbound document of this partner is validated with: the common rules and the partner's. */
function ruleSetsFor(deps: Pick<OrderProcessingDeps, "options">, partnerId: string): RuleSet[] {
  const ruleSets: RuleSet[] = [];
  if (deps.options.commonRules !== false) ruleSets.push(commonRules);
  const partnerRules = deps.options.partnerRules?.[partnerId];
  if (partnerRules) ruleSets.push(...(Array.isArray(partnerRules) ? partnerRules : [partnerRules as RuleSet]));
  return ruleSets;
}

/**
 * What the common and the partner's rules find wrong with an inbound document `parseInbound` accepted: none when it
 * passes. The parse checked its schema with the same options, so only the rules run (see checkRules).
 */
export function ruleReasons<T extends "Order" | "OrderChange">(
  deps: Pick<OrderProcessingDeps, "options">,
  type: T,
  document: RsxDocumentMap[T],
  partnerId: string,
): Reason[] {
  const ruleSets = ruleSetsFor(deps, partnerId);
  if (ruleSets.length === 0) return [];
  const validated = checkRules(type, document, { rules: ruleSets, lenient: deps.options.lenient ?? false });
  return validated.ok ? [] : validated.issues.map(toReason);
}

/** Reads an inbound payload as the given RSX type, with the flow's leniency and size limit. */
export function parseInbound(
  deps: Pick<OrderProcessingDeps, "options">,
  payload: Uint8Array,
  fileName: string,
  type: "Order" | "OrderChange",
): ParseResult {
  return parseRsx(payload, {
    fileName,
    type,
    lenient: deps.options.lenient ?? false,
    maxBytes: deps.options.maxBytes ?? 10 * 1024 * 1024,
  });
}
