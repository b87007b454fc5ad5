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

/**
 * How an account's mailbox is organised. `flat`: everything straight in `out/` and `in/`. `by-type`: one folder per
 * document type under each top directory (`out/PO/`, `out/IN/`, `in/SH/`...), named by the X12 functional group the
 * file names start with.
 */
export type SpsMailboxLayout = "flat" | "by-type";

/** The per-type folders of the `by-type` layout: PO 850, PC 860, PR 855, SH 856, IN 810, IB 846, FA 997. */
export const SPS_TYPE_FOLDERS = ["PO", "PC", "PR", "SH", "IN", "IB", "FA"] as const;

/** An upload as a verdict rule sees it. */
export interface SpsUploadedFile {
  /** `in/PR/PR1-v7.7-BulkImport.json` */
  path: string;
  name: string;
  content: Uint8Array;
  text: string;
}

/** Decides SPS's verdict beyond validation: issues to reject the upload with, or none (undefined/[]) to accept it. */
export type SpsVerdictRule = (file: SpsUploadedFile) => readonly SpsUploadIssue[] | undefined;

export interface SpsMailboxOptions {
  /** How long after an upload SPS's verdict (`accepted`/`rejected`) shows in the history, on the sandbox clock. Default 0. */
  verdictDelayMs?: number | undefined;
  /** Rejects uploads that pass validation (a partner's rule). */
  rejectUploads?: SpsVerdictRule | undefined;
  layout?: SpsMailboxLayout | undefined;
  /** false: SPS has not set up the per-type routes yet; their folders answer 404 "Directory not found". Default true. */
  routesReady?: boolean | undefined;
}

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
  readonly #layout: SpsMailboxLayout;
  readonly #verdictDelayMs: number;
  readonly #verdictRule: SpsVerdictRule | undefined;
  #routesReady: boolean;
  #nextHistoryId = 1;

  constructor(clock: SpsSandboxClock, validator: SpsUploadValidator | undefined, options: SpsMailboxOptions = {}) {
    this.#clock = clock;
    this.#validator = validator;
    this.#layout = options.layout ?? "flat";
    this.#routesReady = options.routesReady ?? true;
    this.#verdictDelayMs = options.verdictDelayMs ?? 0;
    this.#verdictRule = options.rejectUploads;
  }

  /** `flat` or `by-type`. */
  get layout(): SpsMailboxLayout {
    return this.#layout;
  }

  /** Whether SPS has set up the per-type routes (their folders exist). */
  get routesReady(): boolean {
    return this.#routesReady;
  }

  /** SPS sets up (true) or removes (false) the per-type routes. Files dropped meanwhile appear once they are set up. */
  setRoutesReady(ready: boolean): void {
    this.#routesReady = ready;
  }

  /**
   * Drops a document for the connector to find and returns its path: `out/{name}` in the flat layout,
   * `out/{TYPE}/{name}` in the by-type layout (TYPE from the name's first two letters: PO, PC, IN...; other names stay
   * in `out/`), `testout/...` with `test: true`. A name with a folder (`PO/x.json`) is kept as written.
   */
  putOutbound(name: string, content: string | Uint8Array, options: { test?: boolean } = {}): string {
    const segments = mailboxSegments(name);
    if (!segments || segments.length === 0) throw new RangeError(`Not a valid mailbox file name: "${name}".`);
    const folder = segments.length === 1 ? this.typeFolderOf(name) : undefined;
    const path = [options.test ? "testout" : "out", ...(folder ? [folder] : []), ...segments].join("/");
    this.#files.set(path, { content: toBytes(content), modifiedAt: this.#clock.now() });
    return path;
  }

  /** The per-type folder a file name goes to in the by-type layout (undefined in the flat layout). */
  typeFolderOf(name: string): string | undefined {
    if (this.#layout !== "by-type") return undefined;
    const prefix = name.slice(0, 2).toUpperCase();
    return (SPS_TYPE_FOLDERS as readonly string[]).includes(prefix) ? prefix : undefined;
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

  /** The history as the API shows it now: statuses stamped later than the clock (a verdict not yet given) left out. */
  visibleHistory(): SpsSandboxHistoryEntry[] {
    const now = this.#clock.now();
    return this.history()
      .map((entry) => ({ ...entry, status_log: entry.status_log.filter((item) => Date.parse(item.timestamp) <= now) }))
      .filter((entry) => entry.status_log.length > 0);
  }

  // The Transaction API side (used by the routes).

  /**
   * Whether a directory exists as SPS would answer: the root and the top directories always; in the by-type layout,
   * the per-type folders once the routes are set up; any other folder only while it holds files (and not under a
   * route that is not set up yet).
   */
  #directoryExists(segments: readonly string[]): boolean {
    if (segments.length === 0) return true;
    const top = segments[0] ?? "";
    if (!(TOP_DIRECTORIES as readonly string[]).includes(top)) return false;
    if (segments.length === 1) return true;
    if (!this.#visible(`${segments.join("/")}/`)) return false;
    if (segments.length === 2 && this.#isRoute(segments[1] ?? "")) return true;
    const prefix = `${segments.join("/")}/`;
    return [...this.#files.keys()].some((path) => path.startsWith(prefix));
  }

  #isRoute(folder: string): boolean {
    return this.#layout === "by-type" && (SPS_TYPE_FOLDERS as readonly string[]).includes(folder);
  }

  /** A path under a per-type route that is not set up yet is invisible (listings, downloads, uploads). */
  #visible(path: string): boolean {
    if (this.#routesReady || this.#layout !== "by-type") return true;
    const segments = path.split("/");
    return !(segments.length >= 3 && this.#isRoute(segments[1] ?? ""));
  }

  /** The entries of a directory, sorted by name; undefined when the directory does not exist. */
  listDirectory(segments: readonly string[]): MailboxListEntry[] | undefined {
    if (!this.#directoryExists(segments)) return undefined;
    const prefix = segments.length === 0 ? "" : `${segments.join("/")}/`;
    const entries = new Map<string, MailboxListEntry>();
    if (segments.length === 0) {
      for (const name of TOP_DIRECTORIES) entries.set(name, { name, type: "directory" });
    }
    if (segments.length === 1 && this.#layout === "by-type" && this.#routesReady) {
      for (const name of SPS_TYPE_FOLDERS) entries.set(name, { name, type: "directory" });
    }
    for (const path of this.#files.keys()) {
      if (!path.startsWith(prefix) || !this.#visible(path)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf("/");
      if (slash === -1) entries.set(rest, { name: rest, type: "file" });
      else {
        const name = rest.slice(0, slash);
        entries.set(name, { name, type: "directory" });
      }
    }
    return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  download(path: string): Uint8Array | undefined {
    const file = this.#visible(path) ? this.#files.get(path) : undefined;
    if (!file) return undefined;
    this.#record(path, "downloaded");
    return file.content;
  }

  /** Whether `path` may be written by the connector (only under `in/` and `testin/`). */
  isWritable(segments: readonly string[]): boolean {
    return segments.length >= 2 && WRITABLE_DIRECTORIES.has(segments[0] ?? "");
  }

  /** Whether the folder a file would be written to exists (a per-type route must be set up first). */
  folderExists(segments: readonly string[]): boolean {
    return this.#directoryExists(segments.slice(0, -1));
  }

  upload(path: string, content: Uint8Array): void {
    const stored: StoredFile = { content: content.slice(), modifiedAt: this.#clock.now() };
    this.#files.set(path, stored);
    this.#record(path, "uploaded");
    if (!this.#validator && !this.#verdictRule) return;
    const name = path.slice(path.lastIndexOf("/") + 1);
    const verdict = this.#validator ? this.#validator(stored.content, name) : { ok: true as const };
    const ruled = verdict.ok
      ? this.#verdictRule?.({ path, name, content: stored.content, text: new TextDecoder().decode(stored.content) })
      : undefined;
    // SPS checks a file after taking it: the verdict reaches the history a little later.
    const at = this.#clock.now() + this.#verdictDelayMs;
    if (verdict.ok && !(ruled && ruled.length > 0)) {
      stored.status = "accepted";
      stored.documentType = verdict.type;
      this.#record(path, "accepted", undefined, undefined, at);
    } else {
      this.#reject(path, stored, verdict.ok ? (ruled ?? []) : verdict.issues, at);
    }
  }

  /**
   * SPS rejects a file it had accepted (a trading partner's system refused it later): the history gets a `rejected`
   * status now, with these reasons. Returns false when no upload has that path.
   */
  rejectLater(path: string, issues: readonly SpsUploadIssue[]): boolean {
    const normalized = normalize(path);
    const stored = this.#files.get(normalized);
    if (!stored) return false;
    this.#reject(normalized, stored, issues, this.#clock.now());
    return true;
  }

  #reject(path: string, stored: StoredFile, issues: readonly SpsUploadIssue[], at: number): void {
    stored.status = "rejected";
    stored.issues = issues;
    const reasons = issues.slice(0, 50).map(({ path: where, code, message }) => ({ path: where, code, message }));
    const first = reasons[0];
    this.#record(
      path,
      "rejected",
      `Rejected: ${issues.length} problem(s)${first ? `; first at "${first.path}": ${first.message}` : ""}`,
      reasons,
      at,
    );
  }

  delete(path: string): boolean {
    const file = this.#visible(path) ? this.#files.get(path) : undefined;
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

  #record(
    path: string,
    status: SpsSandboxHistoryStatus["status"],
    message?: string,
    reasons?: SpsUploadIssue[],
    at: number = this.#clock.now(),
  ): void {
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
      timestamp: new Date(at).toISOString(),
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
