import { sha256Hex } from "../../fingerprints/fingerprints.js";
import type {
  AuditAttempt,
  AuditCount,
  AuditCountQuery,
  AuditDocument,
  AuditLink,
  AuditStore,
  BeginEffectResult,
  BeginNewEffectResult,
  EffectDetails,
  EffectRecord,
  LinkRef,
  Reason,
} from "../../ports/audit-store.js";
import { ConnectorError } from "../../ports/errors.js";
import {
  asList,
  boundReasons,
  checkDocumentPatch,
  checkNewDocument,
  checkRef,
  countGroupBy,
  decodePageCursor,
  pageOf,
  pageSize,
  sortCounts,
  utcDay,
  walkChain,
} from "../support/audit.js";
import { type Clock, systemClock } from "../support/clock.js";
import { copyPlain as copy } from "../support/copy.js";
import { newDocumentId } from "../support/ids.js";

/** Every field of `T`, optional ones included: a copy written field by field that misses none. */
type AllFields<T> = { [K in keyof Required<T>]: T[K] };

/** Reasons are plain string fields: each copied by its fields (none: nothing to copy). */
const copyReasons = (reasons: readonly Reason[]): Reason[] => {
  const copied: Reason[] = [];
  for (const { path, code, message } of reasons) copied.push({ path, code, message });
  return copied;
};

/**
 * A copy that shares nothing mutable with the stored document, cheaper than `structuredClone` of the whole: field by
 * field into one shape (a spread of records whose shapes differ takes V8's slow path), the reasons one by one, the
 * dates anew, the metadata (free-form JSON) copied only when present.
 */
const copyDocument = (doc: StoredDocument): AuditDocument => {
  const copied: AllFields<AuditDocument> = {
    id: doc.id,
    seq: doc.seq,
    direction: doc.direction,
    type: doc.type,
    partnerId: doc.partnerId,
    naturalKey: doc.naturalKey,
    poNumber: doc.poNumber,
    revision: doc.revision,
    purposeCode: doc.purposeCode,
    status: doc.status,
    reasons: copyReasons(doc.reasons),
    payloadSha256: doc.payloadSha256,
    payloadSize: doc.payloadSize,
    fileName: doc.fileName,
    x3Key: doc.x3Key,
    flow: doc.flow,
    metadata: doc.metadata === undefined ? undefined : copy(doc.metadata),
    createdAt: new Date(doc.createdAt),
    updatedAt: new Date(doc.updatedAt),
  };
  return copied;
};

const copyRef = (ref: LinkRef): LinkRef =>
  ref.kind === "document" ? { kind: "document", id: ref.id } : { kind: "x3", entity: ref.entity, key: ref.key };

const copyLink = (link: StoredLink): AuditLink => ({
  from: copyRef(link.from),
  to: copyRef(link.to),
  relation: link.relation,
  createdAt: new Date(link.createdAt),
});

/** Stored effects have every field from the start (see beginEffect): one shape, copied field by field. */
const copyEffect = (effect: StoredEffect): EffectRecord => {
  const copied: AllFields<EffectRecord> = {
    key: effect.key,
    state: effect.state,
    operation: effect.operation,
    documentId: effect.documentId,
    naturalKey: effect.naturalKey,
    owner: effect.owner,
    data: effect.data === undefined ? undefined : copy(effect.data),
    result: effect.result === undefined ? undefined : copy(effect.result),
    error: effect.error === undefined ? undefined : { kind: effect.error.kind, message: effect.error.message },
    attempts: effect.attempts,
    startedAt: new Date(effect.startedAt),
    updatedAt: new Date(effect.updatedAt),
    completedAt: effect.completedAt === undefined ? undefined : new Date(effect.completedAt),
  };
  return copied;
};

/** An attempt field by field, in the one shape recordAttempt stores. */
const copyAttempt = (attempt: StoredAttempt): AuditAttempt => {
  const copied: AllFields<AuditAttempt> = {
    id: attempt.id,
    documentId: attempt.documentId,
    operation: attempt.operation,
    outcome: attempt.outcome,
    httpStatus: attempt.httpStatus,
    errorKind: attempt.errorKind,
    message: attempt.message,
    durationMs: attempt.durationMs,
    at: new Date(attempt.at),
  };
  return copied;
};

/**
 * What the store keeps has its times in milliseconds, not as Dates: a Date is about 100 bytes, the store keeps one
 * for every time of every record, and each read hands out Dates of its own anyway (they are mutable).
 */
type Stored<T, Times extends keyof T> = Omit<T, Times> & {
  [K in Times]: undefined extends T[K] ? number | undefined : number;
};

/**
 * A document as the store keeps it: with its bytes and its attempts beside it, so that recording either is no map
 * lookup of its own (handed out only as copies of the document's fields, see `copyDocument`).
 */
interface StoredDocument extends Stored<AuditDocument, "createdAt" | "updatedAt"> {
  payload: Uint8Array | undefined;
  /** Oldest first; undefined until the first. */
  attempts: StoredAttempt[] | undefined;
}
type StoredEffect = Stored<EffectRecord, "startedAt" | "updatedAt" | "completedAt">;
type StoredAttempt = Stored<AuditAttempt, "at">;
type StoredLink = Stored<AuditLink, "createdAt">;

/** Whether two valid link ends are the same document or X3 record. */
const sameRef = (a: LinkRef, b: LinkRef): boolean =>
  a.kind === "document"
    ? b.kind === "document" && a.id === b.id
    : b.kind === "x3" && a.entity === b.entity && a.key === b.key;

/**
 * Where a store keeps its payloads: each copied into the free end of a shared slab and kept as a view of it, rather
 * than in an ArrayBuffer of its own (an allocation outside V8's heap, tracked one by one by the garbage collector: a
 * few microseconds per 850 where the copy itself takes a fraction of one). A payload larger than a quarter of a slab
 * gets a buffer of its own. Nothing is given back: the store keeps every document, and hands out copies of the bytes.
 */
function payloadSlabs(slabSize = 64 * 1024): (bytes: Uint8Array) => Uint8Array {
  let slab = new Uint8Array(0);
  let used = 0;
  return (bytes) => {
    const size = bytes.byteLength;
    if (size > slabSize / 4) return new Uint8Array(bytes);
    if (used + size > slab.byteLength) {
      slab = new Uint8Array(slabSize);
      used = 0;
    }
    slab.set(bytes, used);
    const kept = slab.subarray(used, used + size);
    used += size;
    return kept;
  };
}

/** An `AuditStore` in memory: for tests, demos and short-lived runs (nothing survives the process). */
export function createMemoryAuditStore(options: { clock?: Clock } = {}): AuditStore {
  const clock = options.clock ?? systemClock;
  const documents = new Map<string, StoredDocument>();
  const effects = new Map<string, StoredEffect>();
  const keepPayload = payloadSlabs();
  let seq = 0;
  let attemptId = 0;
  // Documents by file name (orders-in looks every file up by name) and by PO number (the outbound flows find each
  // order's 850): lookups that would otherwise pass over every document.
  const byFileName = fieldIndex("fileName");
  const byPoNumber = fieldIndex("poNumber");
  // Documents by natural key (newestRevision): no pass over everything per call.
  const byNaturalKey = fieldIndex("naturalKey");
  // Links by either end (linksOf), in the order they were made: a document's by its id, an X3 record's by entity then
  // key, so that no key string is made per link. A link also is looked for there before it is stored (it is stored
  // once), among the links of whichever end has fewer.
  const linksByDocument = new Map<string, StoredLink[]>();
  const linksByRecord = new Map<string, Map<string, StoredLink[]>>();
  const linksAt = (ref: LinkRef): StoredLink[] | undefined =>
    ref.kind === "document" ? linksByDocument.get(ref.id) : linksByRecord.get(ref.entity)?.get(ref.key);
  /** Adds a link to its end's list (`list`: that list as `linksAt` found it, undefined for an end with none yet). */
  const indexLinkEnd = (ref: LinkRef, list: StoredLink[] | undefined, link: StoredLink) => {
    if (list !== undefined) list.push(link);
    else if (ref.kind === "document") linksByDocument.set(ref.id, [link]);
    else {
      const byKey = linksByRecord.get(ref.entity);
      if (byKey === undefined) linksByRecord.set(ref.entity, new Map([[ref.key, [link]]]));
      else byKey.set(ref.key, [link]);
    }
  };
  /** The documents a query can match, from an index when it names an indexed field: the filters are applied after. */
  const candidatesFor = (query: AuditCountQuery): Iterable<StoredDocument> =>
    query.fileName !== undefined
      ? byFileName.get(query.fileName)
      : query.naturalKey !== undefined
        ? byNaturalKey.get(query.naturalKey)
        : query.poNumber !== undefined
          ? byPoNumber.get(query.poNumber)
          : documents.values();

  const mustGet = (id: string): StoredDocument => {
    const doc = documents.get(id);
    if (doc === undefined)
      throw new ConnectorError(`Unknown audit document ${id}`, { kind: "not-found", details: { id } });
    return doc;
  };
  const mustGetEffect = (key: string): StoredEffect => {
    const effect = effects.get(key);
    if (effect === undefined)
      throw new ConnectorError(`Unknown effect ${key}`, { kind: "not-found", details: { key } });
    return effect;
  };

  /** `beginEffect`; a failed effect is started again only with `restartFailed`. */
  const begin = (key: string, details: EffectDetails, restartFailed: boolean): BeginNewEffectResult => {
    const now = clock.now();
    const existing = effects.get(key);
    if (existing?.state === "done") return { outcome: "done", effect: copyEffect(existing) };
    if (existing?.state === "in-progress") return { outcome: "in-progress", effect: copyEffect(existing) };
    if (existing?.state === "failed" && !restartFailed) return { outcome: "failed", effect: copyEffect(existing) };
    const effect: StoredEffect = {
      key,
      state: "in-progress",
      operation: details.operation,
      documentId: details.documentId,
      naturalKey: details.naturalKey,
      owner: details.owner,
      data: details.data === undefined ? undefined : copy(details.data),
      result: undefined,
      error: undefined,
      attempts: (existing?.attempts ?? 0) + 1,
      startedAt: now,
      updatedAt: now,
      completedAt: undefined,
    };
    effects.set(key, effect);
    return { outcome: "started", effect: copyEffect(effect) };
  };

  const store: AuditStore = {
    async recordDocument(input) {
      checkNewDocument(input);
      const id = input.id ?? newDocumentId(clock.now());
      // An id the store made (time and 74 random bits) is new: only one the caller gave may exist.
      if (input.id !== undefined && documents.has(id)) {
        throw new ConnectorError(`Audit document ${id} already exists`, { kind: "conflict", details: { id } });
      }
      const createdAt = input.createdAt === undefined ? clock.now() : input.createdAt.getTime();
      const doc: StoredDocument = {
        id,
        seq: ++seq,
        direction: input.direction,
        type: input.type,
        partnerId: input.partnerId,
        naturalKey: input.naturalKey,
        poNumber: input.poNumber,
        revision: input.revision ?? 0,
        purposeCode: input.purposeCode,
        status: input.status,
        reasons: input.reasons === undefined ? [] : copyReasons(boundReasons(input.reasons)),
        payloadSha256: input.payload === undefined ? undefined : sha256Hex(input.payload),
        payloadSize: input.payload?.byteLength,
        fileName: input.fileName,
        x3Key: input.x3Key,
        flow: input.flow,
        metadata: input.metadata === undefined ? undefined : copy(input.metadata),
        createdAt,
        updatedAt: createdAt,
        payload: input.payload === undefined ? undefined : keepPayload(input.payload),
        attempts: undefined,
      };
      // The input's reasons, metadata and bytes were copied above; the stored document is handed out only as copies.
      documents.set(id, doc);
      byFileName.add(doc);
      byPoNumber.add(doc);
      byNaturalKey.add(doc);
      return copyDocument(doc);
    },
    async updateDocument(id, patch) {
      checkDocumentPatch(patch);
      const doc = mustGet(id);
      if (patch.status !== undefined) doc.status = patch.status;
      if (patch.reasons !== undefined) doc.reasons = copyReasons(boundReasons(patch.reasons));
      if (patch.x3Key !== undefined) doc.x3Key = patch.x3Key;
      if (patch.poNumber !== undefined && patch.poNumber !== doc.poNumber) {
        byPoNumber.remove(doc);
        doc.poNumber = patch.poNumber;
        byPoNumber.add(doc);
      }
      if (patch.revision !== undefined) doc.revision = patch.revision;
      if (patch.purposeCode !== undefined) doc.purposeCode = patch.purposeCode;
      if (patch.fileName !== undefined && patch.fileName !== doc.fileName) {
        byFileName.remove(doc);
        doc.fileName = patch.fileName;
        byFileName.add(doc);
      }
      if (patch.metadata !== undefined) doc.metadata = copy(patch.metadata);
      doc.updatedAt = clock.now();
      return copyDocument(doc);
    },
    async getDocument(id) {
      const doc = documents.get(id);
      return doc === undefined ? undefined : copyDocument(doc);
    },
    async findDocuments(query = {}) {
      const limit = pageSize(query);
      const after = decodePageCursor(query.cursor);
      const desc = (query.order ?? "desc") === "desc";
      const candidates = candidatesFor(query);
      // A file name seen for the first time (orders-in asks for every file): nothing to filter or sort.
      if (Array.isArray(candidates) && candidates.length === 0) return { items: [] };
      const matches = [...candidates]
        .filter((d) => matchesFilters(d, query) && (after === undefined || (desc ? d.seq < after : d.seq > after)))
        .sort((a, b) => (desc ? b.seq - a.seq : a.seq - b.seq));
      return pageOf(matches, limit, copyDocument);
    },
    async countDocuments(query = {}) {
      const groupBy = countGroupBy(query);
      // Without groupBy there is always one group: the total, 0 included (as SQL's COUNT(*) answers).
      const groups = new Map<string, AuditCount>(groupBy.length === 0 ? [["[]", { key: {}, count: 0 }]] : []);
      for (const d of candidatesFor(query)) {
        if (!matchesFilters(d, query)) continue;
        const key: AuditCount["key"] = {};
        for (const field of groupBy) key[field] = field === "day" ? utcDay(new Date(d.createdAt)) : (d[field] ?? null);
        const id = JSON.stringify(groupBy.map((field) => key[field]));
        const group = groups.get(id) ?? { key, count: 0 };
        group.count += 1;
        groups.set(id, group);
      }
      return sortCounts([...groups.values()], groupBy);
    },
    async newestRevision(naturalKey, options = {}) {
      let newest: StoredDocument | undefined;
      for (const d of byNaturalKey.get(naturalKey)) {
        if (options.type !== undefined && d.type !== options.type) continue;
        if (options.statuses !== undefined && !options.statuses.includes(d.status)) continue;
        if (
          newest === undefined ||
          d.revision > newest.revision ||
          (d.revision === newest.revision && d.seq > newest.seq)
        ) {
          newest = d;
        }
      }
      return newest === undefined ? undefined : copyDocument(newest);
    },

    async putPayload(documentId, payload) {
      const doc = mustGet(documentId);
      doc.payload = keepPayload(payload);
      doc.payloadSha256 = sha256Hex(payload);
      doc.payloadSize = payload.byteLength;
      doc.updatedAt = clock.now();
      return copyDocument(doc);
    },
    async getPayload(documentId) {
      const bytes = documents.get(documentId)?.payload;
      return bytes === undefined ? undefined : new Uint8Array(bytes);
    },

    async recordAttempt(documentId, input) {
      const doc = mustGet(documentId);
      const attempt: AllFields<StoredAttempt> = {
        id: ++attemptId,
        documentId,
        operation: input.operation,
        outcome: input.outcome,
        httpStatus: input.httpStatus,
        errorKind: input.errorKind,
        message: input.message,
        durationMs: input.durationMs,
        at: input.at === undefined ? clock.now() : input.at.getTime(),
      };
      if (doc.attempts === undefined) doc.attempts = [attempt];
      else doc.attempts.push(attempt);
      return copyAttempt(attempt);
    },
    async listAttempts(documentId) {
      return (documents.get(documentId)?.attempts ?? []).map(copyAttempt);
    },

    async link(fromRef, toRef, relation) {
      // checkRef hands back fresh copies: the stored link keeps them.
      const from = checkRef(fromRef);
      const to = checkRef(toRef);
      const fromLinks = linksAt(from);
      const toLinks = linksAt(to);
      // A link touches both its ends: when it exists, it is in either list.
      const shorter = (fromLinks?.length ?? 0) <= (toLinks?.length ?? 0) ? fromLinks : toLinks;
      if (shorter !== undefined) {
        for (const existing of shorter) {
          if (existing.relation === relation && sameRef(existing.from, from) && sameRef(existing.to, to)) {
            return copyLink(existing);
          }
        }
      }
      const link: StoredLink = { from, to, relation, createdAt: clock.now() };
      indexLinkEnd(from, fromLinks, link);
      if (!sameRef(from, to)) indexLinkEnd(to, toLinks, link);
      return copyLink(link);
    },
    async linksOf(ref: LinkRef) {
      // In the order they were made, as the SQL stores answer (by id).
      return (linksAt(ref) ?? []).map(copyLink);
    },
    async chain(start) {
      return walkChain(store, start);
    },

    async beginEffect(key, details) {
      return begin(key, details, true) as BeginEffectResult;
    },
    async beginNewEffect(key, details) {
      return begin(key, details, false);
    },
    async completeEffect(key, result) {
      const effect = mustGetEffect(key);
      if (effect.state === "done") return copyEffect(effect);
      const now = clock.now();
      effect.state = "done";
      effect.result = result === undefined ? undefined : copy(result);
      effect.error = undefined;
      effect.updatedAt = now;
      effect.completedAt = now;
      return copyEffect(effect);
    },
    async failEffect(key, error) {
      const effect = mustGetEffect(key);
      if (effect.state === "done") {
        throw new ConnectorError(`Effect ${key} is done and cannot fail`, { kind: "conflict", details: { key } });
      }
      effect.state = "failed";
      effect.error = { kind: error.kind, message: error.message };
      effect.updatedAt = clock.now();
      return copyEffect(effect);
    },
    async flush() {
      // Nothing is kept: every write is done when it returns.
    },
    async whenDurable() {
      // Nothing waits: every write is done when it returns.
    },
    async getEffect(key) {
      const effect = effects.get(key);
      return effect === undefined ? undefined : copyEffect(effect);
    },
    async listInProgress(listOptions = {}) {
      const before = listOptions.startedBefore?.getTime();
      const found = [...effects.values()]
        .filter((e) => e.state === "in-progress" && (before === undefined || e.startedAt < before))
        .sort((a, b) => a.startedAt - b.startedAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return (listOptions.limit === undefined ? found : found.slice(0, listOptions.limit)).map(copyEffect);
    },
  };
  return store;
}

/**
 * The documents whose `field` holds a value, by that value (documents without one are left out). A value most
 * documents hold alone (a file name, a natural key) keeps its document as it is, a list only once a second comes.
 * Documents added wait in a list until the index is next read or changed, and are indexed then, all at once: an index
 * nobody reads costs a push per document (orders-in records every 850 and looks none up by PO number or, for an
 * original, by natural key), and one that is read indexes in one go what came since.
 */
function fieldIndex(field: "fileName" | "poNumber" | "naturalKey") {
  const entries = new Map<string, StoredDocument | StoredDocument[]>();
  let waiting: StoredDocument[] = [];
  const index = (doc: StoredDocument): void => {
    const value = doc[field];
    if (value === undefined) return;
    const entry = entries.get(value);
    if (entry === undefined) entries.set(value, doc);
    else if (Array.isArray(entry)) entry.push(doc);
    else entries.set(value, [entry, doc]);
  };
  const catchUp = (): void => {
    if (waiting.length === 0) return;
    const added = waiting;
    waiting = [];
    for (const doc of added) index(doc);
  };
  return {
    get(value: string): readonly StoredDocument[] {
      catchUp();
      const entry = entries.get(value);
      return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
    },
    /** Indexes the document under its value as it is when the index is next read or changed. */
    add(doc: StoredDocument): void {
      waiting.push(doc);
    },
    /** Before the document's value changes: out of the index under its current value. */
    remove(doc: StoredDocument): void {
      catchUp();
      const value = doc[field];
      if (value === undefined) return;
      const entry = entries.get(value);
      if (entry === doc) entries.delete(value);
      else if (Array.isArray(entry)) {
        const rest = entry.filter((other) => other !== doc);
        if (rest.length === 0) entries.delete(value);
        else entries.set(value, rest);
      }
    },
  };
}

/** The filters of `findDocuments` and `countDocuments` (paging apart). */
function matchesFilters(d: StoredDocument, query: AuditCountQuery): boolean {
  const statuses = asList(query.status);
  const types = asList(query.type);
  return (
    (statuses === undefined || statuses.includes(d.status)) &&
    (types === undefined || types.includes(d.type)) &&
    (query.partnerId === undefined || d.partnerId === query.partnerId) &&
    (query.poNumber === undefined || d.poNumber === query.poNumber) &&
    (query.naturalKey === undefined || d.naturalKey === query.naturalKey) &&
    (query.direction === undefined || d.direction === query.direction) &&
    (query.x3Key === undefined || d.x3Key === query.x3Key) &&
    (query.fileName === undefined || d.fileName === query.fileName) &&
    (query.flow === undefined || d.flow === query.flow) &&
    (query.from === undefined || d.createdAt >= query.from.getTime()) &&
    (query.to === undefined || d.createdAt < query.to.getTime())
  );
}
