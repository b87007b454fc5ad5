import { createHash } from "node:crypto";
import type {
  AuditChain,
  AuditDocument,
  AuditLink,
  AuditQuery,
  AuditStore,
  ChainStart,
  DocumentStatus,
  DocumentType,
  LinkRef,
} from "../../ports/audit-store.js";
import { ConnectorError } from "../../ports/errors.js";

/** Lower-case hex SHA-256 of a payload. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

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
    let cursor: string | undefined;
    do {
      const page = await store.findDocuments({
        poNumber: start.poNumber,
        partnerId: start.partnerId,
        order: "asc",
        limit: maxPageSize,
        cursor,
      });
      for (const doc of page.items) queue.push({ kind: "document", id: doc.id });
      cursor = page.nextCursor;
    } while (cursor !== undefined);
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
