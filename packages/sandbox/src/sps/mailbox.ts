import { createHash } from "node:crypto";
import type { SpsSandboxClock } from "./auth-server.js";

/** What the sandbox found wrong with an uploaded document (from @ml-connector/rsx). */
export interface SpsUploadIssue {
  path: string;
  code: string;
  message: string;
}

/** Checks an uploaded document. The default parses it with @ml-connector/rsx. */
export type SpsUploadValidator = (
  content: Uint8Array,
  fileName: string,
) => { ok: true; type?: string | undefined } | { ok: false; issues: readonly SpsUploadIssue[] };

/** One status of a file's history, as the Transaction API reports it. */
export interface SpsSandboxHistoryStatus {
  status: "uploaded" | "downloaded" | "deleted" | "accepted" | "rejected";
  timestamp: string;
  message?: string;
  reasons?: SpsUploadIssue[];
}

export interface SpsSandboxHistoryEntry {
  id: string;
  /** `/in/PR1-v7.7-BulkImport.json` */
  path: string;
  direction: "in" | "out";
  status_log: SpsSandboxHistoryStatus[];
}

/** A file the connector uploaded to `in/` (or `testin/`). */
export interface SpsInboundFile {
  /** `in/PR584615-1-v7.7-BulkImport.json` */
  path: string;
  name: string;
  content: Uint8Array;
  text: string;
  status: "accepted" | "rejected" | "unchecked";
  /** Why it was rejected. */
  issues: readonly SpsUploadIssue[];
  /** The document type rsx recognised, when accepted. */
  documentType?: string | undefined;
  uploadedAt: string;
}

interface StoredFile {
  content: Uint8Array;
  modifiedAt: number;
  status?: SpsInboundFile["status"];
  issues?: readonly SpsUploadIssue[];
  documentType?: string | undefined;
}

/** A file the connector deleted through the API, and what it held then. */
export interface SpsSandboxDeletion {
  /** `out/PO1-v7.7-BulkImport.json` */
  path: string;
  name: string;
  /** Lower-case hex SHA-256 of the bytes the file held when it was deleted. */
  sha256: string;
  size: number;
  deletedAt: string;
}

/** One entry of a directory listing, before it is turned into the wire shape. */
export interface MailboxListEntry {
  name: string;
  type: "file" | "directory";
}

export const TOP_DIRECTORIES = ["in", "out", "testin", "testout"] as const;
const WRITABLE_DIRECTORIES = new Set(["in", "testin"]);

/** Splits a mailbox path into segments, or returns undefined when it is not a clean relative path. */
export function mailboxSegments(path: string): string[] | undefined {
  const trimmed = path.replace(/^\/+/, "");
  if (trimmed === "") return [];
  const segments = trimmed.split("/");
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === ".." || segment.includes("\\")) return undefined;
    if ([...segment].some((character) => (character.codePointAt(0) ?? 0) < 0x20 || character === "\u007f")) {
      return undefined;
    }
  }
  return segments;
}

/**
 * The in-memory SPS mailbox: `out/` and `testout/` hold documents for the connector (drop them with `putOutbound`),
 * `in/` and `testin/` receive its uploads (read them with `inbound`). Every operation is recorded in the history.
 */
export class SpsMailbox {
  readonly #files = new Map<string, StoredFile>();
  readonly #history: SpsSandboxHistoryEntry[] = [];
  readonly #deletions: SpsSandboxDeletion[] = [];
  readonly #clock: SpsSandboxClock;
  readonly #validator: SpsUploadValidator | undefined;
  #nextHistoryId = 1;

  constructor(clock: SpsSandboxClock, validator: SpsUploadValidator | undefined) {
    this.#clock = clock;
    this.#validator = validator;
  }

  /** Drops a document in `out/` (or `testout/` with `test: true`) for the connector to find. Returns its path. */
  putOutbound(name: string, content: string | Uint8Array, options: { test?: boolean } = {}): string {
    const segments = mailboxSegments(name);
    if (!segments || segments.length === 0) throw new RangeError(`Not a valid mailbox file name: "${name}".`);
    const path = [options.test ? "testout" : "out", ...segments].join("/");
    this.#files.set(path, { content: toBytes(content), modifiedAt: this.#clock.now() });
    return path;
  }

  /** What the connector uploaded to `in/` (or `testin/`), in upload order, with the validation verdicts. */
  inbound(options: { test?: boolean } = {}): SpsInboundFile[] {
    const prefix = options.test ? "testin/" : "in/";
    const decoder = new TextDecoder();
    return [...this.#files.entries()]
      .filter(([path]) => path.startsWith(prefix))
      .sort(([, a], [, b]) => a.modifiedAt - b.modifiedAt)
      .map(([path, file]) => ({
        path,
        name: path.slice(path.lastIndexOf("/") + 1),
        content: file.content.slice(),
        text: decoder.decode(file.content),
        status: file.status ?? "unchecked",
        issues: file.issues ?? [],
        documentType: file.documentType,
        uploadedAt: new Date(file.modifiedAt).toISOString(),
      }));
  }

  /** The bytes at `path` (`out/PO1.json`), if any. */
  read(path: string): Uint8Array | undefined {
    return this.#files.get(normalize(path))?.content.slice();
  }

  has(path: string): boolean {
    return this.#files.has(normalize(path));
  }

  /** Every file path, sorted, optionally under a directory (`out`). */
  paths(directory?: string): string[] {
    const prefix = directory ? `${normalize(directory).replace(/\/$/, "")}/` : "";
    return [...this.#files.keys()].filter((path) => path.startsWith(prefix)).sort();
  }

  /** Removes a file without recording history (test setup). */
  remove(path: string): boolean {
    return this.#files.delete(normalize(path));
  }

  /** Empties the mailbox, its history and the record of deletions. */
  clear(): void {
    this.#files.clear();
    this.#history.length = 0;
    this.#deletions.length = 0;
  }

  /**
   * Every file deleted through the API, oldest first, with a hash of the bytes it held: what a check of "nothing
   * leaves the mailbox unless its bytes are stored" compares with the connector's audit trail.
   */
  deletions(): SpsSandboxDeletion[] {
    return this.#deletions.map((deletion) => ({ ...deletion }));
  }

  /** The history entries, oldest first. */
  history(): SpsSandboxHistoryEntry[] {
    return structuredClone(this.#history);
  }

  // The Transaction API side (used by the routes).

  /** The entries of a directory, sorted by name; undefined when the directory does not exist. */
  listDirectory(segments: readonly string[]): MailboxListEntry[] | undefined {
    const prefix = segments.length === 0 ? "" : `${segments.join("/")}/`;
    const entries = new Map<string, MailboxListEntry>();
    if (segments.length === 0) {
      for (const name of TOP_DIRECTORIES) entries.set(name, { name, type: "directory" });
    }
    for (const path of this.#files.keys()) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf("/");
      if (slash === -1) entries.set(rest, { name: rest, type: "file" });
      else {
        const name = rest.slice(0, slash);
        entries.set(name, { name, type: "directory" });
      }
    }
    const isTop = segments.length === 1 && (TOP_DIRECTORIES as readonly string[]).includes(segments[0] ?? "");
    if (entries.size === 0 && segments.length > 0 && !isTop) return undefined;
    return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  download(path: string): Uint8Array | undefined {
    const file = this.#files.get(path);
    if (!file) return undefined;
    this.#record(path, "downloaded");
    return file.content;
  }

  /** Whether `path` may be written by the connector (only `in/` and `testin/`). */
  isWritable(segments: readonly string[]): boolean {
    return segments.length >= 2 && WRITABLE_DIRECTORIES.has(segments[0] ?? "");
  }

  upload(path: string, content: Uint8Array): void {
    const stored: StoredFile = { content: content.slice(), modifiedAt: this.#clock.now() };
    this.#files.set(path, stored);
    this.#record(path, "uploaded");
    if (!this.#validator) return;
    const name = path.slice(path.lastIndexOf("/") + 1);
    const verdict = this.#validator(stored.content, name);
    if (verdict.ok) {
      stored.status = "accepted";
      stored.documentType = verdict.type;
      this.#record(path, "accepted");
    } else {
      stored.status = "rejected";
      stored.issues = verdict.issues;
      const reasons = verdict.issues.slice(0, 50).map(({ path: at, code, message }) => ({ path: at, code, message }));
      const first = reasons[0];
      this.#record(
        path,
        "rejected",
        `Rejected: ${verdict.issues.length} problem(s)${first ? `; first at "${first.path}": ${first.message}` : ""}`,
        reasons,
      );
    }
  }

  delete(path: string): boolean {
    const file = this.#files.get(path);
    if (!file) return false;
    this.#files.delete(path);
    this.#deletions.push({
      path,
      name: path.slice(path.lastIndexOf("/") + 1),
      sha256: createHash("sha256").update(file.content).digest("hex"),
      size: file.content.byteLength,
      deletedAt: new Date(this.#clock.now()).toISOString(),
    });
    this.#record(path, "deleted");
    return true;
  }

  #record(path: string, status: SpsSandboxHistoryStatus["status"], message?: string, reasons?: SpsUploadIssue[]): void {
    const wirePath = `/${path}`;
    const direction = path.startsWith("in/") || path.startsWith("testin/") ? "in" : "out";
    // One entry per file life: a new upload after a deletion starts a new entry.
    let entry = [...this.#history]
      .reverse()
      .find((candidate) => candidate.path === wirePath && candidate.status_log.at(-1)?.status !== "deleted");
    if (!entry || (status === "uploaded" && entry.status_log.some((item) => item.status === "uploaded"))) {
      entry = { id: String(this.#nextHistoryId++), path: wirePath, direction, status_log: [] };
      this.#history.push(entry);
    }
    entry.status_log.push({
      status,
      timestamp: new Date(this.#clock.now()).toISOString(),
      ...(message ? { message } : {}),
      ...(reasons ? { reasons } : {}),
    });
  }
}

function normalize(path: string): string {
  return path.replace(/^\/+/, "");
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? new TextEncoder().encode(content) : content.slice();
}
