import {
  type AuditDocument,
  type AuditQuery,
  type AuditStore,
  type CursorStore,
  type DocumentStatus,
  type DocumentType,
  type FlowName,
  flowNames,
  type MappingStore,
  replayableStatuses,
} from "@ml-connector/sync-core";
import { z } from "zod";

/** What the console reads: the audit trail, the cursors and the mappings of one store, and how the flows are set. */
export interface ConsoleData {
  audit: AuditStore;
  cursors: CursorStore;
  mappings: MappingStore;
  /** Where the store is (a file, or PostgreSQL host/database/schema): never a credential. */
  storeLabel: string;
  flows: Partial<Record<FlowName, { enabled: boolean; intervalMinutes: number }>>;
  now?: () => Date;
}

const day = 24 * 60 * 60_000;
/** Statuses that need someone: anything the flows could not finish, and what SPS turned down. */
export const attentionStatuses = ["rejected", "failed", "parked", "rejected_by_sps"] as const;

/** A document as the lists show it (no payload, no metadata). */
export function documentSummary(d: AuditDocument) {
  return {
    id: d.id,
    direction: d.direction,
    type: d.type,
    partnerId: d.partnerId,
    poNumber: d.poNumber ?? null,
    naturalKey: d.naturalKey,
    revision: d.revision,
    purposeCode: d.purposeCode ?? null,
    status: d.status,
    reasons: d.reasons,
    fileName: d.fileName ?? null,
    x3Key: d.x3Key ?? null,
    flow: d.flow ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The first ISO date-time inside a cursor value: how far the flow has read (its lag is now minus that). */
function cursorTime(value: unknown): Date | undefined {
  if (typeof value === "string") {
    const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? new Date(value) : undefined;
    return at && !Number.isNaN(at.getTime()) ? at : undefined;
  }
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) {
      const at = cursorTime(inner);
      if (at) return at;
    }
  }
  return undefined;
}

/** Today at a glance: per flow its last activity, next run, cursors and health; per partner in/out per day. */
export async function overview(data: ConsoleData, days = 7) {
  const now = data.now?.() ?? new Date();
  const since24h = new Date(now.getTime() - day);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * day);
  const [recentByFlowStatus, byPartnerDay, byStatus, cursors] = await Promise.all([
    data.audit.countDocuments({ groupBy: ["flow", "status"], from: since24h }),
    data.audit.countDocuments({ groupBy: ["partnerId", "direction", "day"], from }),
    data.audit.countDocuments({ groupBy: ["status"] }),
    data.cursors.list(),
  ]);
  const flows = await Promise.all(
    flowNames.map(async (flow) => {
      const settings = data.flows[flow];
      const newest = (await data.audit.findDocuments({ flow, limit: 1 })).items[0];
      const flowCursors = cursors
        .filter((c) => c.flow === flow)
        .map((c) => {
          const readTo = cursorTime(c.value);
          return {
            source: c.source,
            updatedAt: c.updatedAt.toISOString(),
            readTo: readTo?.toISOString() ?? null,
            lagSeconds: readTo ? Math.max(0, Math.round((now.getTime() - readTo.getTime()) / 1000)) : null,
          };
        });
      const times = [newest?.updatedAt.getTime(), ...flowCursors.map((c) => Date.parse(c.updatedAt))].filter(
        (t): t is number => t !== undefined,
      );
      const lastActivity = times.length > 0 ? new Date(Math.max(...times)) : undefined;
      const intervalMs = (settings?.intervalMinutes ?? 10) * 60_000;
      const last24h = Object.fromEntries(
        recentByFlowStatus.filter((c) => c.key.flow === flow).map((c) => [c.key.status ?? "", c.count]),
      );
      const problems: string[] = [];
      if (settings && !settings.enabled) problems.push("disabled in the config");
      if ((last24h.failed ?? 0) > 0) problems.push(`${last24h.failed} failed in the last 24 h`);
      if ((last24h.rejected ?? 0) > 0) problems.push(`${last24h.rejected} rejected in the last 24 h`);
      if (lastActivity && settings?.enabled && now.getTime() - lastActivity.getTime() > 3 * intervalMs) {
        problems.push("no activity for more than three intervals");
      }
      return {
        flow,
        enabled: settings?.enabled ?? true,
        intervalMinutes: settings?.intervalMinutes ?? null,
        lastActivity: lastActivity?.toISOString() ?? null,
        nextRun: settings?.enabled && lastActivity ? new Date(lastActivity.getTime() + intervalMs).toISOString() : null,
        cursors: flowCursors,
        last24h,
        healthy: problems.length === 0,
        problems,
      };
    }),
  );
  const partners = new Map<string, { partnerId: string; days: { day: string; in: number; out: number }[] }>();
  const dayList = Array.from({ length: days }, (_, i) => new Date(from.getTime() + i * day).toISOString().slice(0, 10));
  for (const c of byPartnerDay) {
    const partnerId = c.key.partnerId ?? "";
    const entry = partners.get(partnerId) ?? {
      partnerId,
      days: dayList.map((d) => ({ day: d, in: 0, out: 0 })),
    };
    const slot = entry.days.find((d) => d.day === c.key.day);
    if (slot) slot[c.key.direction === "out" ? "out" : "in"] += c.count;
    partners.set(partnerId, entry);
  }
  const statusCounts = Object.fromEntries(byStatus.map((c) => [c.key.status ?? "", c.count]));
  return {
    store: data.storeLabel,
    generatedAt: now.toISOString(),
    total: byStatus.reduce((sum, c) => sum + c.count, 0),
    statusCounts,
    attention: Object.fromEntries(attentionStatuses.map((s) => [s, statusCounts[s] ?? 0])),
    flows,
    partners: [...partners.values()].sort((a, b) => a.partnerId.localeCompare(b.partnerId)),
  };
}

const listFilters = z.object({
  flow: z.string().max(40).optional(),
  type: z.string().max(100).optional(),
  partner: z.string().max(40).optional(),
  status: z.string().max(200).optional(),
  po: z.string().max(80).optional(),
  from: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  to: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const listOf = (value: string | undefined) =>
  value
    ?.split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");

/** `to` as a date is inclusive (the whole day); as a date-time it is the exclusive end. */
const endOf = (to: string) => new Date(to.length === 10 ? Date.parse(to) + day : Date.parse(to));

/** The documents list: newest first, filtered, keyset-paged (the store's cursor). */
export async function listDocuments(data: ConsoleData, params: Record<string, string>) {
  const f = listFilters.parse(params);
  const query: AuditQuery = {
    flow: f.flow || undefined,
    // Statuses and types are passed through as given: the store answers with what it has, so new ones need nothing here.
    type: listOf(f.type) as DocumentType[] | undefined,
    status: listOf(f.status) as DocumentStatus[] | undefined,
    partnerId: f.partner || undefined,
    poNumber: f.po || undefined,
    from: f.from ? new Date(f.from) : undefined,
    to: f.to ? endOf(f.to) : undefined,
    cursor: f.cursor || undefined,
    limit: f.limit ?? 50,
  };
  const page = await data.audit.findDocuments(query);
  return { items: page.items.map(documentSummary), nextCursor: page.nextCursor ?? null };
}

/** Payload text as stored (UTF-8, BOM dropped), its format, cut at `maxChars`. */
function payloadView(bytes: Uint8Array | undefined, maxChars = 512_000) {
  if (!bytes) return null;
  let text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = text.trimStart()[0];
  const format = first === "{" || first === "[" ? "json" : first === "<" ? "xml" : "text";
  return {
    format,
    size: bytes.byteLength,
    truncated: text.length > maxChars,
    text: text.length > maxChars ? text.slice(0, maxChars) : text,
  };
}

/** One document: everything the audit trail holds about it, and what a replay would do. */
export async function documentDetail(data: ConsoleData, id: string) {
  const document = await data.audit.getDocument(id);
  if (!document) return undefined;
  const [attempts, payload, links, preview] = await Promise.all([
    data.audit.listAttempts(id),
    data.audit.getPayload(id),
    data.audit.linksOf({ kind: "document", id }),
    replayPreview(data, document),
  ]);
  return {
    document: { ...documentSummary(document), payloadSize: document.payloadSize ?? null },
    attempts: attempts.map((a) => ({
      at: a.at.toISOString(),
      operation: a.operation,
      outcome: a.outcome,
      httpStatus: a.httpStatus ?? null,
      errorKind: a.errorKind ?? null,
      message: a.message ?? null,
      durationMs: a.durationMs ?? null,
    })),
    links: links.map((l) => ({ from: l.from, to: l.to, relation: l.relation })),
    payload: payloadView(payload),
    replay: preview,
  };
}

const orderOf = (d: AuditDocument) => (d.type === "850" ? "order" : d.type === "855" ? "ack" : d.type);

/** One PO's story: its documents and X3 records, in time order, with how they link. */
export async function poStory(data: ConsoleData, poNumber: string, partnerId?: string | undefined) {
  const chain = await data.audit.chain({ poNumber, partnerId });
  const steps = chain.documents
    .map((d) => ({ ...documentSummary(d), step: orderOf(d) }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    poNumber,
    partners: [...new Set(chain.documents.map((d) => d.partnerId))],
    steps,
    records: chain.records,
    links: chain.links.map((l) => ({ from: l.from, to: l.to, relation: l.relation })),
  };
}

/**
 * What replaying a document would do, in words, before anyone presses the button. Whether it is allowed is decided by
 * the connector's replay itself; this only says why it would certainly be refused.
 */
export async function replayPreview(data: ConsoleData, d: AuditDocument) {
  const po = d.poNumber ? `PO ${d.poNumber}` : d.naturalKey;
  if (!replayableStatuses.includes(d.status)) {
    return {
      replayable: false,
      action: `nothing: the document is ${d.status} (only ${replayableStatuses.join(" or ")} ones replay)`,
    };
  }
  if (d.direction === "in" && d.status === "parked") {
    return {
      replayable: true,
      action: `processes the parked ${d.type} for ${po} again from its stored bytes (refused for a file parked unread)`,
    };
  }
  if (d.direction === "in" && d.type === "850") {
    const partner = await data.mappings.getPartner(d.partnerId);
    const order = partner?.orderKind === "purchase" ? "purchase order" : "sales order";
    const verb =
      d.purposeCode === "05"
        ? `updates the X3 ${order}`
        : d.purposeCode === "01"
          ? `cancels the X3 ${order}`
          : d.purposeCode === "07"
            ? "records the duplicate"
            : `creates an X3 ${order}`;
    return {
      replayable: true,
      action: `${verb} for ${po} from the stored 850 with today's mappings (refused if a newer revision went through)`,
    };
  }
  if (d.direction === "out") {
    return {
      replayable: true,
      action: `rebuilds the ${d.type} for ${po}${d.x3Key ? ` from X3 ${d.x3Key}` : ""} and uploads it to SPS`,
    };
  }
  return {
    replayable: false,
    action: `nothing: a ${d.direction === "in" ? "received" : "sent"} ${d.type} is not replayed`,
  };
}
