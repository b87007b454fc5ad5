import type { AuditChain, AuditDocument, FlowRunSummary } from "@ml-connector/sync-core";
import { printable, printableCut } from "./printable.js";
import { formatDuration, formatTable } from "./table.js";

/** Reasons shown per document, and characters of each: a legacy record of 450,000 reasons prints a screenful. */
const SHOWN_REASONS = 100;
const SHOWN_REASON_CHARS = 500;

const outcomeOrder = [
  "created",
  "updated",
  "cancelled",
  "posted",
  "accepted_by_sps",
  "rejected_by_sps",
  "applied",
  "duplicate",
  "ignored",
  "unchanged",
  "already_handled",
  "waiting",
  "claimed_elsewhere",
  "parked",
  "rejected",
  "failed",
] as const;

/** `orders-in     26 documents: 25 created, 1 rejected (0.4 s)` */
export function formatRunSummary(summary: FlowRunSummary): string {
  const parts = outcomeOrder
    .filter((outcome) => (summary.outcomes[outcome] ?? 0) > 0)
    .map((outcome) => `${summary.outcomes[outcome]} ${outcome}`);
  const head = `${summary.flow.padEnd(13)} ${String(summary.documents).padStart(3)} document${summary.documents === 1 ? " " : "s"}`;
  const detail = parts.length > 0 ? `: ${parts.join(", ")}` : "";
  const extra = summary.skipped
    ? ` (skipped: ${summary.skipped})`
    : summary.error
      ? ` (failed: ${summary.error.kind}: ${summary.error.message})`
      : "";
  const warnings = (summary.warnings ?? []).map((warning) => `\n${" ".repeat(14)}warning: ${warning}`).join("");
  return `${head}${detail}${extra} in ${formatDuration(summary.durationMs)}${warnings}`;
}

/** Rejected or failed documents of a run, with their reasons (path: message), bounded and printable. */
export function formatReasons(document: AuditDocument): string[] {
  const name = document.fileName ?? document.naturalKey;
  // A last reason alone is shown: it is usually the count of those the parser or the store left out.
  const shown = document.reasons.slice(
    0,
    document.reasons.length === SHOWN_REASONS + 1 ? SHOWN_REASONS + 1 : SHOWN_REASONS,
  );
  const more = document.reasons.length - shown.length;
  return [
    printable(`${document.status} ${name} (id ${document.id})`),
    ...shown.map(
      (reason) =>
        `    ${printableCut(reason.path || "(document)", SHOWN_REASON_CHARS)}: ${printableCut(reason.message, SHOWN_REASON_CHARS)}`,
    ),
    ...(more > 0 ? [`    … ${more.toLocaleString("en-US")} more reason(s) not shown (--json has them all)`] : []),
  ];
}

/**
 * How an inbound document was read, from its audit metadata: its parse warnings (codes outside their list, kept;
 * RSX 7.6 fields with no 7.7 home) and the values of those 7.6 fields. Bounded and printable like reasons.
 */
export function formatReadWarnings(document: AuditDocument): string[] {
  const lines: string[] = [];
  const warnings = Array.isArray(document.metadata?.warnings) ? document.metadata.warnings : [];
  for (const warning of warnings.slice(0, SHOWN_REASONS)) {
    if (typeof warning !== "object" || warning === null || Array.isArray(warning)) continue;
    const { path, code, message } = warning;
    lines.push(
      `    ${printableCut(typeof path === "string" && path ? path : "(document)", SHOWN_REASON_CHARS)}: ${printableCut(String(code), SHOWN_REASON_CHARS)}: ${printableCut(String(message), SHOWN_REASON_CHARS)}`,
    );
  }
  if (warnings.length > SHOWN_REASONS) {
    lines.push(
      `    … ${(warnings.length - SHOWN_REASONS).toLocaleString("en-US")} more warning(s) not shown (--json has them all)`,
    );
  }
  const legacy = document.metadata?.legacy;
  if (typeof legacy === "object" && legacy !== null && !Array.isArray(legacy)) {
    const entries = Object.entries(legacy);
    if (entries.length > 0) lines.push("  RSX 7.6 values with no 7.7 place (kept here, not sent to X3):");
    for (const [path, value] of entries.slice(0, SHOWN_REASONS)) {
      const text = typeof value === "string" ? value : JSON.stringify(value);
      lines.push(`    ${printableCut(path, SHOWN_REASON_CHARS)} = ${printableCut(text, SHOWN_REASON_CHARS)}`);
    }
  }
  return lines;
}

const stamp = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19);

/**
 * A chain (850 → SORDER → 855 → SDELIVERY → 856 → SINVOICE → 810, and the 997s that acknowledge our uploads) as lines:
 * each document with what it links to, in the order the store recorded them.
 */
export function formatChain(chain: AuditChain): string {
  const rows = chain.documents.map((document) => {
    const links = chain.links
      .filter((link) => link.from.kind === "document" && link.from.id === document.id && link.to.kind === "x3")
      .map((link) => (link.to.kind === "x3" ? `${link.relation} ${link.to.entity} ${link.to.key}` : ""));
    // A 997 names the uploads it acknowledges (their file names).
    for (const link of chain.links) {
      if (link.relation !== "acknowledges" || link.from.kind !== "document" || link.from.id !== document.id) continue;
      if (link.to.kind !== "document") continue;
      const targetId = link.to.id;
      const target = chain.documents.find((candidate) => candidate.id === targetId);
      links.push(`acknowledges ${target?.fileName ?? targetId}`);
    }
    return [
      stamp(document.createdAt),
      document.type,
      document.direction,
      document.status,
      document.fileName ?? document.naturalKey,
      links.join(", ") || (document.x3Key ? `X3 ${document.x3Key}` : ""),
    ];
  });
  const records = chain.links
    .filter((link) => link.from.kind === "x3" && link.to.kind === "x3")
    .map((link) =>
      link.from.kind === "x3" && link.to.kind === "x3"
        ? `${link.from.entity} ${link.from.key} ${link.relation} ${link.to.entity} ${link.to.key}`
        : "",
    );
  const table = formatTable(["at (UTC)", "doc", "dir", "status", "file", "linked to"], rows);
  return records.length > 0 ? `${table}\nX3: ${records.join("; ")}` : table;
}

/** A document as `--json` prints it: dates as ISO strings. */
export const documentJson = (document: AuditDocument) => ({
  ...document,
  createdAt: document.createdAt.toISOString(),
  updatedAt: document.updatedAt.toISOString(),
});
