import { randomUUID } from "node:crypto";
import type {
  AuditAttempt,
  AuditCount,
  AuditCountQuery,
  AuditDocument,
  AuditLink,
  AuditStore,
  EffectRecord,
  LinkRef,
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
  encodePageCursor,
  pageSize,
  refKey,
  sha256Hex,
  sortCounts,
  utcDay,
  walkChain,
} from "../support/audit.js";
import { type Clock, systemClock } from "../support/clock.js";

const copy = <T>(value: T): T => structuredClone(value);

/** An `AuditStore` in memory: for tests, demos and short-lived runs (nothing survives the process). */
export function createMemoryAuditStore(options: { clock?: Clock } = {}): AuditStore {
  const clock = options.clock ?? systemClock;
  const documents = new Map<string, AuditDocument>();
  const payloads = new Map<string, Uint8Array>();
  const attempts = new Map<string, AuditAttempt[]>();
  const links = new Map<string, AuditLink>();
  const effects = new Map<string, EffectRecord>();
  let seq = 0;
  let attemptId = 0;
  // Documents by file name: orders-in looks every file up by name, which would otherwise scan every document.
  const byFileName = new Map<string, AuditDocument[]>();
  const indexFileName = (doc: AuditDocument) => {
    if (doc.fileName === undefined) return;
    const list = byFileName.get(doc.fileName);
    if (list === undefined) byFileName.set(doc.fileName, [doc]);
    else list.push(doc);
  };
  const unindexFileName = (doc: AuditDocument) => {
    const list = doc.fileName === undefined ? undefined : byFileName.get(doc.fileName);
    if (list === undefined || doc.fileName === undefined) return;
    const rest = list.filter((entry) => entry !== doc);
    if (rest.length === 0) byFileName.delete(doc.fileName);
    else byFileName.set(doc.fileName, rest);
  };

  const mustGet = (id: string): AuditDocument => {
    const doc = documents.get(id);
    if (doc === undefined)
      throw new ConnectorError(`Unknown audit document ${id}`, { kind: "not-found", details: { id } });
    return doc;
  };
  const mustGetEffect = (key: string): EffectRecord => {
    const effect = effects.get(key);
    if (effect === undefined)
      throw new ConnectorError(`Unknown effect ${key}`, { kind: "not-found", details: { key } });
    return effect;
  };

  const store: AuditStore = {
    async recordDocument(input) {
      checkNewDocument(input);
      const id = input.id ?? randomUUID();
      if (documents.has(id)) {
        throw new ConnectorError(`Audit document ${id} already exists`, { kind: "conflict", details: { id } });
      }
      const createdAt = input.createdAt ?? new Date(clock());
      const doc: AuditDocument = {
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
        reasons: copy(boundReasons(input.reasons ?? [])),
        payloadSha256: input.payload === undefined ? undefined : sha256Hex(input.payload),
        payloadSize: input.payload?.byteLength,
        fileName: input.fileName,
        x3Key: input.x3Key,
        flow: input.flow,
        metadata: input.metadata === undefined ? undefined : copy(input.metadata),
        createdAt: new Date(createdAt),
        updatedAt: new Date(createdAt),
      };
      documents.set(id, doc);
      indexFileName(doc);
      if (input.payload !== undefined) payloads.set(id, new Uint8Array(input.payload));
      return copy(doc);
    },
    async updateDocument(id, patch) {
      checkDocumentPatch(patch);
      const doc = mustGet(id);
      if (patch.status !== undefined) doc.status = patch.status;
      if (patch.reasons !== undefined) doc.reasons = copy(boundReasons(patch.reasons));
      if (patch.x3Key !== undefined) doc.x3Key = patch.x3Key;
      if (patch.poNumber !== undefined) doc.poNumber = patch.poNumber;
      if (patch.revision !== undefined) doc.revision = patch.revision;
      if (patch.purposeCode !== undefined) doc.purposeCode = patch.purposeCode;
      if (patch.fileName !== undefined && patch.fileName !== doc.fileName) {
        unindexFileName(doc);
        doc.fileName = patch.fileName;
        indexFileName(doc);
      }
      if (patch.metadata !== undefined) doc.metadata = copy(patch.metadata);
      doc.updatedAt = new Date(clock());
      return copy(doc);
    },
    async getDocument(id) {
      const doc = documents.get(id);
      return doc === undefined ? undefined : copy(doc);
    },
    async findDocuments(query = {}) {
      const limit = pageSize(query);
      const after = decodePageCursor(query.cursor);
      const desc = (query.order ?? "desc") === "desc";
      const candidates = query.fileName === undefined ? documents.values() : (byFileName.get(query.fileName) ?? []);
      const matches = [...candidates]
        .filter((d) => matchesFilters(d, query) && (after === undefined || (desc ? d.seq < after : d.seq > after)))
        .sort((a, b) => (desc ? b.seq - a.seq : a.seq - b.seq));
      const items = matches.slice(0, limit).map(copy);
      const last = items.at(-1);
      return matches.length > limit && last !== undefined
        ? { items, nextCursor: encodePageCursor(last.seq) }
        : { items };
    },
    async countDocuments(query = {}) {
      const groupBy = countGroupBy(query);
      // Without groupBy there is always one group: the total, 0 included (as SQL's COUNT(*) answers).
      const groups = new Map<string, AuditCount>(groupBy.length === 0 ? [["[]", { key: {}, count: 0 }]] : []);
      for (const d of documents.values()) {
        if (!matchesFilters(d, query)) continue;
        const key: AuditCount["key"] = {};
        for (const field of groupBy) key[field] = field === "day" ? utcDay(d.createdAt) : (d[field] ?? null);
        const id = JSON.stringify(groupBy.map((field) => key[field]));
        const group = groups.get(id) ?? { key, count: 0 };
        group.count += 1;
        groups.set(id, group);
      }
      return sortCounts([...groups.values()], groupBy);
    },
    async newestRevision(naturalKey, options = {}) {
      let newest: AuditDocument | undefined;
      for (const d of documents.values()) {
        if (d.naturalKey !== naturalKey) continue;
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
      return newest === undefined ? undefined : copy(newest);
    },

    async putPayload(documentId, payload) {
      const doc = mustGet(documentId);
      payloads.set(documentId, new Uint8Array(payload));
      doc.payloadSha256 = sha256Hex(payload);
      doc.payloadSize = payload.byteLength;
      doc.updatedAt = new Date(clock());
      return copy(doc);
    },
    async getPayload(documentId) {
      const bytes = payloads.get(documentId);
      return bytes === undefined ? undefined : new Uint8Array(bytes);
    },

    async recordAttempt(documentId, input) {
      mustGet(documentId);
      const attempt: AuditAttempt = { ...input, id: ++attemptId, documentId, at: new Date(input.at ?? clock()) };
      const list = attempts.get(documentId) ?? [];
      list.push(attempt);
      attempts.set(documentId, list);
      return copy(attempt);
    },
    async listAttempts(documentId) {
      return (attempts.get(documentId) ?? []).map(copy);
    },

    async link(fromRef, toRef, relation) {
      const from = checkRef(fromRef);
      const to = checkRef(toRef);
      const key = `${refKey(from)}|${relation}|${refKey(to)}`;
      const existing = links.get(key);
      if (existing !== undefined) return copy(existing);
      const link: AuditLink = { from, to, relation, createdAt: new Date(clock()) };
      links.set(key, link);
      return copy(link);
    },
    async linksOf(ref: LinkRef) {
      const key = refKey(ref);
      return [...links.values()].filter((l) => refKey(l.from) === key || refKey(l.to) === key).map(copy);
    },
    async chain(start) {
      return walkChain(store, start);
    },

    async beginEffect(key, details) {
      const now = new Date(clock());
      const existing = effects.get(key);
      if (existing?.state === "done") return { outcome: "done", effect: copy(existing) };
      if (existing?.state === "in-progress") return { outcome: "in-progress", effect: copy(existing) };
      const effect: EffectRecord = {
        key,
        state: "in-progress",
        operation: details.operation,
        documentId: details.documentId,
        naturalKey: details.naturalKey,
        owner: details.owner,
        data: details.data === undefined ? undefined : copy(details.data),
        attempts: (existing?.attempts ?? 0) + 1,
        startedAt: now,
        updatedAt: now,
      };
      effects.set(key, effect);
      return { outcome: "started", effect: copy(effect) };
    },
    async completeEffect(key, result) {
      const effect = mustGetEffect(key);
      if (effect.state === "done") return copy(effect);
      const now = new Date(clock());
      effect.state = "done";
      effect.result = result === undefined ? undefined : copy(result);
      effect.error = undefined;
      effect.updatedAt = now;
      effect.completedAt = now;
      return copy(effect);
    },
    async failEffect(key, error) {
      const effect = mustGetEffect(key);
      if (effect.state === "done") {
        throw new ConnectorError(`Effect ${key} is done and cannot fail`, { kind: "conflict", details: { key } });
      }
      effect.state = "failed";
      effect.error = { kind: error.kind, message: error.message };
      effect.updatedAt = new Date(clock());
      return copy(effect);
    },
    async getEffect(key) {
      const effect = effects.get(key);
      return effect === undefined ? undefined : copy(effect);
    },
    async listInProgress(listOptions = {}) {
      const before = listOptions.startedBefore?.getTime();
      const found = [...effects.values()]
        .filter((e) => e.state === "in-progress" && (before === undefined || e.startedAt.getTime() < before))
        .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return (listOptions.limit === undefined ? found : found.slice(0, listOptions.limit)).map(copy);
    },
  };
  return store;
}

/** The filters of `findDocuments` and `countDocuments` (paging apart). */
function matchesFilters(d: AuditDocument, query: AuditCountQuery): boolean {
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
    (query.from === undefined || d.createdAt.getTime() >= query.from.getTime()) &&
    (query.to === undefined || d.createdAt.getTime() < query.to.getTime())
  );
}
