import { createHash } from "node:crypto";
import type { SpsSandboxClock } from "./auth-server.js";
import { DirectoryIndex } from "./directory-index.js";
import { buildFunctionalAckFor, mirrorVerdict, type SpsFunctionalAckRule } from "./functional-acks.js";

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

/** One page of a directory listing: the entries in name order, and whether more match after the last. */
export interface MailboxListPage {
  entries: MailboxListEntry[];
  more: boolean;
}

/** Which history entries a page holds: those whose latest visible status is in (afterMs, untilMs]. */
export interface MailboxHistoryQuery {
  afterMs?: number | undefined;
  untilMs?: number | undefined;
  offset: number;
  limit: number;
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
  /**
   * Trading partners send 997 functional acknowledgments: each upload gets one in `out/` (`out/FA/` in the by-type
   * layout; `testout/` for test uploads), in the upload's format. `true` mirrors SPS's verdict (A or R); a function
   * decides per upload (a response, or undefined for none). Default false: no 997s.
   */
  functionalAcks?: boolean | SpsFunctionalAckRule | undefined;
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
  /** The folders and their children in name order, kept as files arrive and leave (listings read a page of it). */
  readonly #directories = new DirectoryIndex();
  readonly #history: SpsSandboxHistoryEntry[] = [];
  /** Per wire path, its history entries not ended by a deletion, oldest first: the last is the one a status joins. */
  readonly #openEntries = new Map<string, SpsSandboxHistoryEntry[]>();
  /** The latest time an entry's first status is stamped: until the clock reaches it, some entry may be invisible. */
  #latestEntryStart = Number.NEGATIVE_INFINITY;
  readonly #deletions: SpsSandboxDeletion[] = [];
  readonly #clock: SpsSandboxClock;
  readonly #validator: SpsUploadValidator | undefined;
  readonly #layout: SpsMailboxLayout;
  readonly #verdictDelayMs: number;
  readonly #verdictRule: SpsVerdictRule | undefined;
  readonly #functionalAcks: SpsFunctionalAckRule | undefined;
  #routesReady: boolean;
  #nextFunctionalAck = 1;
  #nextHistoryId = 1;

  constructor(clock: SpsSandboxClock, validator: SpsUploadValidator | undefined, options: SpsMailboxOptions = {}) {
    this.#clock = clock;
    this.#validator = validator;
    this.#layout = options.layout ?? "flat";
    this.#routesReady = options.routesReady ?? true;
    this.#verdictDelayMs = options.verdictDelayMs ?? 0;
    this.#verdictRule = options.rejectUploads;
    this.#functionalAcks =
      options.functionalAcks === true
        ? mirrorVerdict
        : typeof options.functionalAcks === "function"
          ? options.functionalAcks
          : undefined;
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
    this.#store(path, { content: toBytes(content), modifiedAt: this.#clock.now() });
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
    return this.#unstore(normalize(path));
  }

  /** Empties the mailbox, its history and the record of deletions. */
  clear(): void {
    this.#files.clear();
    this.#directories.clear();
    this.#history.length = 0;
    this.#openEntries.clear();
    this.#latestEntryStart = Number.NEGATIVE_INFINITY;
    this.#deletions.length = 0;
  }

  #store(path: string, file: StoredFile): void {
    if (!this.#files.has(path)) this.#directories.add(path);
    this.#files.set(path, file);
  }

  #unstore(path: string): boolean {
    if (!this.#files.delete(path)) return false;
    this.#directories.remove(path);
    return true;
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
    return this.historyPage({ offset: 0, limit: Number.POSITIVE_INFINITY }).results;
  }

  /**
   * One page of the visible history, oldest entry first, and how many entries match in all. Entries match when their
   * latest visible status is stamped after `afterMs` and at most `untilMs`. Without a time window and with every
   * entry already started, the page is a slice of the log; otherwise the log is walked once, copying only the page.
   */
  historyPage(query: MailboxHistoryQuery): { results: SpsSandboxHistoryEntry[]; total: number } {
    const now = this.#clock.now();
    const afterMs = query.afterMs ?? Number.NEGATIVE_INFINITY;
    const untilMs = query.untilMs ?? Number.POSITIVE_INFINITY;
    const end = query.offset + query.limit;
    if (afterMs === Number.NEGATIVE_INFINITY && untilMs === Number.POSITIVE_INFINITY && this.#latestEntryStart <= now) {
      return {
        results: this.#history.slice(query.offset, end).map((entry) => visibleCopy(entry, now)),
        total: this.#history.length,
      };
    }
    const results: SpsSandboxHistoryEntry[] = [];
    let total = 0;
    for (const entry of this.#history) {
      let last: number | undefined;
      for (const item of entry.status_log) {
        const time = Date.parse(item.timestamp);
        if (time <= now) last = time;
      }
      if (last === undefined || last <= afterMs || last > untilMs) continue;
      if (total >= query.offset && total < end) results.push(visibleCopy(entry, now));
      total += 1;
    }
    return { results, total };
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
    return this.#directories.holdsFiles(segments.join("/"));
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
    return this.listPage(segments, { limit: Number.POSITIVE_INFINITY })?.entries;
  }

  /**
   * Up to `limit` entries of a directory in name order, those whose name starts with `prefix` and, with `after`,
   * comes after it (a listing cursor); undefined when the directory does not exist. Reads only the page from the
   * directory index, whatever the number of files.
   */
  listPage(
    segments: readonly string[],
    options: { limit: number; prefix?: string | undefined; after?: string | undefined },
  ): MailboxListPage | undefined {
    if (!this.#directoryExists(segments)) return undefined;
    const prefix = options.prefix ?? "";
    // Folders that exist without files: the top directories at the root, the per-type routes once set up.
    const fixed: readonly string[] =
      segments.length === 0
        ? TOP_DIRECTORIES
        : segments.length === 1 && this.#layout === "by-type" && this.#routesReady
          ? SPS_TYPE_FOLDERS
          : [];
    // Files under a per-type route that is not set up yet are invisible, and so is the route's folder.
    const hidesRoutes = segments.length === 1 && !this.#visible(`${segments[0]}/PO/x`);
    const start = options.after !== undefined && options.after >= prefix ? options.after : prefix;
    const inclusive = start !== options.after;
    const beyond = (name: string) => (inclusive ? name < start : name <= start);
    const extra = [...fixed].filter((name) => !beyond(name)).sort();
    const entries: MailboxListEntry[] = [];
    let more = false;
    const take = (entry: MailboxListEntry): boolean => {
      if (!entry.name.startsWith(prefix)) return false;
      if (entries.length === options.limit) {
        more = true;
        return false;
      }
      entries.push(entry);
      return true;
    };
    const indexed = this.#directories.children(segments.join("/"), start, inclusive);
    let next = indexed.next();
    for (;;) {
      while (next.done !== true && hidesRoutes && next.value.type === "directory" && this.#isRoute(next.value.name)) {
        next = indexed.next();
      }
      const fromIndex = next.done === true ? undefined : next.value;
      const fromFixed = extra[0];
      let entry: MailboxListEntry;
      if (fromIndex === undefined && fromFixed === undefined) break;
      if (fromFixed !== undefined && (fromIndex === undefined || fromFixed <= fromIndex.name)) {
        extra.shift();
        if (fromIndex?.name === fromFixed) next = indexed.next();
        entry = { name: fromFixed, type: "directory" };
      } else {
        entry = fromIndex as MailboxListEntry;
        next = indexed.next();
      }
      if (!take(entry)) break;
    }
    return { entries, more };
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
    this.#store(path, stored);
    this.#record(path, "uploaded");
    if (!this.#validator && !this.#verdictRule) {
      this.#sendFunctionalAck(path, stored, "accepted", []);
      return;
    }
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
      this.#sendFunctionalAck(path, stored, "accepted", []);
    } else {
      this.#reject(path, stored, verdict.ok ? (ruled ?? []) : verdict.issues, at);
      this.#sendFunctionalAck(path, stored, "rejected", stored.issues ?? []);
    }
  }

  /** The trading partner's 997 for an upload, dropped into `out/` (or `out/FA/`, `testout/...`) when enabled. */
  #sendFunctionalAck(
    path: string,
    stored: StoredFile,
    status: "accepted" | "rejected",
    issues: readonly SpsUploadIssue[],
  ): void {
    if (!this.#functionalAcks) return;
    const name = path.slice(path.lastIndexOf("/") + 1);
    const file = { path, name, content: stored.content, text: new TextDecoder().decode(stored.content) };
    const response = this.#functionalAcks(file, { status, issues });
    if (!response) return;
    const ack = buildFunctionalAckFor(file, response, this.#nextFunctionalAck, new Date(this.#clock.now()));
    if (!ack) return;
    this.#nextFunctionalAck += 1;
    this.putOutbound(ack.name, ack.text, { test: path.startsWith("testin/") });
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
    this.#sendFunctionalAck(normalized, stored, "rejected", issues);
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
    this.#unstore(path);
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
    // One entry per file life: a new upload after a deletion starts a new entry. The entry a status joins is the
    // newest one of this path not ended by a deletion (found by path, not by walking the log).
    let open = this.#openEntries.get(wirePath);
    let entry = open?.at(-1);
    if (!entry || (status === "uploaded" && entry.status_log.some((item) => item.status === "uploaded"))) {
      entry = { id: String(this.#nextHistoryId++), path: wirePath, direction, status_log: [] };
      this.#history.push(entry);
      this.#latestEntryStart = Math.max(this.#latestEntryStart, at);
      if (!open) {
        open = [];
        this.#openEntries.set(wirePath, open);
      }
      open.push(entry);
    }
    entry.status_log.push({
      status,
      timestamp: new Date(at).toISOString(),
      ...(message ? { message } : {}),
      ...(reasons ? { reasons } : {}),
    });
    if (status === "deleted" && open) {
      open.pop();
      if (open.length === 0) this.#openEntries.delete(wirePath);
    }
  }
}

/** An entry as the API shows it at `now`: a copy, without the statuses stamped later (a verdict not yet given). */
function visibleCopy(entry: SpsSandboxHistoryEntry, now: number): SpsSandboxHistoryEntry {
  const copy = structuredClone(entry);
  copy.status_log = copy.status_log.filter((item) => Date.parse(item.timestamp) <= now);
  return copy;
}

function normalize(path: string): string {
  return path.replace(/^\/+/, "");
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === "string" ? new TextEncoder().encode(content) : content.slice();
}
