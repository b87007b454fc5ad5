import {
  type AuditChain,
  type AuditCount,
  type AuditCountField,
  type AuditCountQuery,
  type AuditDocument,
  type AuditDocumentPatch,
  type AuditLink,
  type AuditPage,
  type AuditQuery,
  type AuditStore,
  auditCountFields,
  type ChainStart,
  type DocumentStatus,
  type DocumentType,
  documentPages,
  documentStatuses,
  type LinkRef,
  type NewAuditDocument,
  type Reason,
} from "../../ports/audit-store.js";
import { ConnectorError } from "../../ports/errors.js";

export const defaultPageSize = 100;
export const maxPageSize = 1000;

/** The page size of a query, validated. */
export function pageSize(query: AuditQuery): number {
  const limit = query.limit ?? defaultPageSize;
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPageSize) {
    throw new ConnectorError(`limit must be an integer from 1 to ${maxPageSize}, got ${limit}`, { kind: "validation" });
  }
  return limit;
}

/** Opaque page cursor: the `seq` of the last document of the previous page. */
export function encodePageCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ after: seq }), "utf8").toString("base64url");
}

/**
 * A page of documents from the up to `limit + 1` read in order (`item` makes each a document): the first `limit`, with
 * a cursor after the last when there were more.
 */
export function pageOf<T>(read: readonly T[], limit: number, item: (value: T) => AuditDocument): AuditPage {
  const items = read.slice(0, limit).map(item);
  const last = items.at(-1);
  return read.length > limit && last !== undefined ? { items, nextCursor: encodePageCursor(last.seq) } : { items };
}

export function decodePageCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && "after" in parsed && Number.isSafeInteger(parsed.after)) {
      return parsed.after as number;
    }
  } catch {
    // fall through
  }
  throw new ConnectorError("Invalid audit page cursor", { kind: "validation", details: { cursor } });
}

/** A filter value as a list (`undefined` = no filter). */
export function asList<T extends DocumentStatus | DocumentType>(
  value: T | readonly T[] | undefined,
): readonly T[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === "string" ? [value] : (value as readonly T[]);
}

/** The `groupBy` of a count query, validated: known fields, each once. */
export function countGroupBy(query: AuditCountQuery): readonly AuditCountField[] {
  const groupBy = query.groupBy ?? [];
  for (const [index, field] of groupBy.entries()) {
    if (!auditCountFields.includes(field) || groupBy.indexOf(field) !== index) {
      throw new ConnectorError(`groupBy takes each of ${auditCountFields.join(", ")} at most once, got "${field}"`, {
        kind: "validation",
      });
    }
  }
  return groupBy;
}

/** The UTC day of a time, as `countDocuments` groups by it. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Counts in one order whatever the database's collation: by the grouped values in `groupBy` order, `null` first. */
export function sortCounts(counts: AuditCount[], groupBy: readonly AuditCountField[]): AuditCount[] {
  const compare = (a: string | null | undefined, b: string | null | undefined) =>
    a === b ? 0 : a == null ? -1 : b == null ? 1 : a < b ? -1 : 1;
  return counts.sort((a, b) => {
    for (const field of groupBy) {
      const order = compare(a.key[field], b.key[field]);
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** Stable text form of a link end, for set membership. */
export function refKey(ref: LinkRef): string {
  return ref.kind === "document" ? `document:${ref.id}` : `x3:${ref.entity}:${ref.key}`;
}

/** Validates a link end. */
export function checkRef(ref: LinkRef): LinkRef {
  if (ref.kind === "document" && ref.id !== "") return { kind: "document", id: ref.id };
  if (ref.kind === "x3" && ref.entity !== "" && ref.key !== "") return { kind: "x3", entity: ref.entity, key: ref.key };
  throw new ConnectorError("Invalid link reference", { kind: "validation", details: { ref } });
}

/** The `chain` walk, shared by adapters: breadth-first over links in both directions. */
export async function walkChain(
  store: Pick<AuditStore, "getDocument" | "linksOf" | "findDocuments">,
  start: ChainStart,
): Promise<AuditChain> {
  const queue: LinkRef[] = [];
  if ("documentId" in start) {
    queue.push({ kind: "document", id: start.documentId });
  } else {
    const query = { poNumber: start.poNumber, partnerId: start.partnerId, order: "asc", limit: maxPageSize } as const;
    for await (const page of documentPages(store, query)) {
      for (const doc of page) queue.push({ kind: "document", id: doc.id });
    }
  }
  const seen = new Set<string>();
  const documents: AuditDocument[] = [];
  const records: { entity: string; key: string }[] = [];
  const links = new Map<string, AuditLink>();
  while (queue.length > 0) {
    const ref = queue.shift()!;
    const key = refKey(ref);
    if (seen.has(key)) continue;
    seen.add(key);
    if (ref.kind === "document") {
      const doc = await store.getDocument(ref.id);
      if (doc === undefined) continue;
      documents.push(doc);
    } else {
      records.push({ entity: ref.entity, key: ref.key });
    }
    for (const link of await store.linksOf(ref)) {
      links.set(`${refKey(link.from)}|${link.relation}|${refKey(link.to)}`, link);
      queue.push(link.from, link.to);
    }
  }
  documents.sort((a, b) => a.seq - b.seq);
  return { documents, records, links: [...links.values()] };
}

const directions: readonly string[] = ["in", "out"];
const documentTypes: readonly string[] = ["850", "855", "856", "810", "860", "997"];

function invalid(message: string, details: Record<string, unknown>): never {
  throw new ConnectorError(message, { kind: "validation", details });
}

function checkReasons(reasons: readonly Reason[] | undefined): void {
  for (const reason of reasons ?? []) {
    if (typeof reason.path !== "string" || typeof reason.code !== "string" || typeof reason.message !== "string") {
      invalid("A reason needs a path, a code and a message", { reason });
    }
  }
}

/** Reasons a store keeps per document, at most; the rest are counted in one more reason. */
export const MAX_REASONS = 100;
/** Characters of one reason's message (and path), at most. */
const MAX_REASON_TEXT = 2000;

const cutText = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max)}… (${(text.length - max).toLocaleString("en-US")} characters cut)`;

/** A reason with its message and path cut to a bounded length (itself when they are short enough). */
const bound = (reason: Reason): Reason =>
  reason.message.length <= MAX_REASON_TEXT && reason.path.length <= MAX_REASON_TEXT
    ? reason
    : { ...reason, path: cutText(reason.path, MAX_REASON_TEXT), message: cutText(reason.message, MAX_REASON_TEXT) };

/**
 * The reasons as a store keeps them: the first `MAX_REASONS`, each with its message and path cut to a bounded
 * length, then one `too_many_reasons` reason counting the others (a last one alone is kept, e.g. the parser's own
 * count of what it left out). A document with 450,000 bad lines is stored with about 100 KB of reasons, not 100 MB.
 */
export function boundReasons(reasons: readonly Reason[]): Reason[] {
  if (reasons.length === 0) return [];
  if (reasons.length <= MAX_REASONS + 1) return reasons.map(bound);
  const kept = reasons.slice(0, MAX_REASONS).map(bound);
  const more = reasons.length - MAX_REASONS;
  kept.push({
    path: "",
    code: "too_many_reasons",
    message: `${more.toLocaleString("en-US")} more reason(s) not stored: only the first ${MAX_REASONS} of a document are kept.`,
  });
  return kept;
}

function checkStatus(status: DocumentStatus): void {
  if (!documentStatuses.includes(status)) invalid(`Unknown document status "${status}"`, { status });
}

function checkRevision(revision: number | undefined): void {
  if (revision !== undefined && !Number.isSafeInteger(revision)) invalid("revision must be an integer", { revision });
}

/** Runtime checks of `recordDocument` input, for callers without the types (JSON, JavaScript). */
export function checkNewDocument(input: NewAuditDocument): void {
  if (!directions.includes(input.direction))
    invalid(`Unknown direction "${input.direction}"`, { direction: input.direction });
  if (!documentTypes.includes(input.type)) invalid(`Unknown document type "${input.type}"`, { type: input.type });
  checkStatus(input.status);
  if (typeof input.partnerId !== "string" || input.partnerId === "") invalid("partnerId is required", {});
  if (typeof input.naturalKey !== "string" || input.naturalKey === "") invalid("naturalKey is required", {});
  if (input.id !== undefined && (typeof input.id !== "string" || input.id === ""))
    invalid("id must be a non-empty string", {});
  checkRevision(input.revision);
  checkReasons(input.reasons);
}

/** Runtime checks of an `updateDocument` patch. */
export function checkDocumentPatch(patch: AuditDocumentPatch): void {
  if (patch.status !== undefined) checkStatus(patch.status);
  checkRevision(patch.revision);
  checkReasons(patch.reasons);
}
