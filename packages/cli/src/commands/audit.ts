import { type AuditQuery, type DocumentStatus, type DocumentType, documentStatuses } from "@ml-connector/sync-core";
import type { CliIo, Output } from "../output/io.js";
import { printable, printableCut } from "../output/printable.js";
import { documentJson, formatChain, formatReadWarnings, formatReasons } from "../output/report.js";
import { formatTable, plural } from "../output/table.js";
import { configurationError, ExitCode } from "../runtime/errors.js";
import { loadConfigFor } from "../runtime/runtime.js";
import { openStores } from "../runtime/wiring.js";

export interface AuditListOptions {
  config: string | undefined;
  status: string | undefined;
  partner: string | undefined;
  po: string | undefined;
  since: string | undefined;
  type: string | undefined;
  limit: string | undefined;
  json: boolean;
}

/** `--since` as an ISO date/time or a span back from now: `30m`, `24h`, `7d`. */
export function parseSince(value: string, now = new Date()): Date {
  const span = /^(\d+)\s*([mhd])$/.exec(value.trim());
  if (span) {
    const amount = Number(span[1]);
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[span[2] as "m" | "h" | "d"];
    return new Date(now.getTime() - amount * unit);
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw configurationError(
      `--since "${value}" is neither a date (2026-11-28, 2026-11-28T10:00Z) nor a span (30m, 24h, 7d).`,
    );
  }
  return date;
}

function statusesOf(value: string): DocumentStatus[] {
  const statuses = value.split(",").map((s) => s.trim());
  for (const status of statuses) {
    if (!(documentStatuses as readonly string[]).includes(status)) {
      throw configurationError(`Unknown status "${status}"; statuses are ${documentStatuses.join(", ")}.`);
    }
  }
  return statuses as DocumentStatus[];
}

/** `audit list`: documents newest first, filtered; a table, or `--json` (an array). */
export async function runAuditList(io: CliIo, out: Output, options: AuditListOptions): Promise<ExitCode> {
  const limit = Number(options.limit ?? "50");
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw configurationError("--limit must be 1-1000.");
  const query: AuditQuery = {
    limit,
    ...(options.status ? { status: statusesOf(options.status) } : {}),
    ...(options.partner ? { partnerId: options.partner } : {}),
    ...(options.po ? { poNumber: options.po } : {}),
    ...(options.since ? { from: parseSince(options.since) } : {}),
    ...(options.type ? { type: options.type.split(",").map((t) => t.trim()) as DocumentType[] } : {}),
  };
  const loaded = await loadConfigFor(io, out, options.config);
  const stores = await openStores(loaded);
  try {
    const page = await stores.audit.findDocuments(query);
    if (options.json) {
      out.json(page.items.map(documentJson));
      return ExitCode.ok;
    }
    if (page.items.length === 0) {
      out.line("No documents match.");
      return ExitCode.ok;
    }
    const rows = page.items.map((d) => [
      d.id,
      d.createdAt.toISOString().replace("T", " ").slice(0, 19),
      d.type,
      d.direction,
      d.status,
      d.partnerId,
      d.poNumber ?? "",
      d.x3Key ?? "",
      (d.reasons[0] ? `${d.reasons[0].path}: ${d.reasons[0].message}` : (d.fileName ?? "")).slice(0, 80),
    ]);
    out.line(
      formatTable(["id", "at (UTC)", "doc", "dir", "status", "partner", "PO", "X3", "file / first reason"], rows),
    );
    out.line();
    out.line(
      `${plural(page.items.length, "document")}${page.nextCursor ? ` (more: raise --limit or narrow the filters)` : ""}. Details: ml-connector audit show ID`,
    );
    return ExitCode.ok;
  } finally {
    await stores.close();
  }
}

/** `audit show ID`: the document, its reasons, attempts and chain; or `--json`. */
export async function runAuditShow(
  io: CliIo,
  out: Output,
  options: { config: string | undefined; id: string; json: boolean },
): Promise<ExitCode> {
  const loaded = await loadConfigFor(io, out, options.config);
  const stores = await openStores(loaded);
  try {
    const document = await stores.audit.getDocument(options.id);
    if (!document) {
      out.error(`No document ${options.id} in ${stores.path}. List them with: ml-connector audit list`);
      return ExitCode.rejected;
    }
    const attempts = await stores.audit.listAttempts(document.id);
    const chain = await stores.audit.chain(
      document.poNumber ? { poNumber: document.poNumber, partnerId: document.partnerId } : { documentId: document.id },
    );
    if (options.json) {
      out.json({
        document: documentJson(document),
        attempts: attempts.map((a) => ({ ...a, at: a.at.toISOString() })),
        chain: {
          documents: chain.documents.map(documentJson),
          records: chain.records,
          links: chain.links.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })),
        },
      });
      return ExitCode.ok;
    }
    out.line(
      printable(
        `${document.type} ${document.direction === "in" ? "from" : "to"} ${document.partnerId}: ${document.status}`,
      ),
    );
    const fields: [string, string | undefined][] = [
      ["id", document.id],
      ["natural key", document.naturalKey],
      ["PO", document.poNumber],
      ["revision", String(document.revision)],
      ["purpose", document.purposeCode],
      ["file", document.fileName],
      ["RSX", typeof document.metadata?.rsxVersion === "string" ? document.metadata.rsxVersion : undefined],
      ["X3", document.x3Key],
      ["flow", document.flow],
      [
        "payload",
        document.payloadSize === undefined
          ? undefined
          : `${document.payloadSize} bytes, sha256 ${document.payloadSha256}`,
      ],
      ["created", document.createdAt.toISOString()],
      ["updated", document.updatedAt.toISOString()],
    ];
    for (const [label, value] of fields) if (value) out.line(`  ${label.padEnd(12)} ${printableCut(value, 500)}`);
    if (document.reasons.length > 0) {
      out.line();
      out.line("Reasons:");
      for (const line of formatReasons(document).slice(1)) out.line(line);
    }
    const readWarnings = formatReadWarnings(document);
    if (readWarnings.length > 0) {
      out.line();
      out.line("Warnings:");
      for (const line of readWarnings) out.line(line);
    }
    if (attempts.length > 0) {
      out.line();
      out.line("Attempts:");
      out.line(
        formatTable(
          ["at (UTC)", "operation", "outcome", "HTTP", "message"],
          attempts.map((a) => [
            a.at.toISOString().replace("T", " ").slice(0, 19),
            a.operation,
            a.outcome,
            a.httpStatus === undefined ? "" : String(a.httpStatus),
            (a.message ?? a.errorKind ?? "").slice(0, 80),
          ]),
        ),
      );
    }
    out.line();
    out.line(document.poNumber ? `Chain of PO ${printableCut(document.poNumber, 500)}:` : "Chain:");
    out.line(formatChain(chain));
    if (document.status === "rejected" || document.status === "failed") {
      out.line();
      out.line(
        `Fix the cause (e.g. ml-connector mappings import FILE.csv --kind items), then: ml-connector replay ${document.id}`,
      );
    }
    return ExitCode.ok;
  } finally {
    await stores.close();
  }
}
