import { ConnectorError } from "@ml-connector/transport";
import type { DocumentSink, OutboundFile } from "../../../src/ports/document-sink.js";
import type {
  ChangeWindow,
  X3ChangeFeed,
  X3ChangeKind,
  X3ChangeRecords,
  X3Delivery,
  X3Invoice,
  X3SalesOrder,
} from "../../../src/ports/x3-change-feed.js";

/** An in-memory X3 change feed with X3's semantics: ordered by UPDDATTIM then key, paged by key. */
export class MemoryChangeFeed implements X3ChangeFeed {
  readonly name = "memory-x3";
  readonly records: { [K in X3ChangeKind]: Map<string, X3ChangeRecords[K]> } = {
    salesOrder: new Map(),
    delivery: new Map(),
    invoice: new Map(),
  };
  pageSize = 2;
  /** X3's clock (tests skew it against the connector's). */
  clock = Date.parse("2026-11-28T10:00:00Z");
  /** Windows asked for, for assertions. */
  readonly windows: { kind: X3ChangeKind; from: string; to: string }[] = [];
  failQueries = 0;

  stamp(): string {
    this.clock += 1_000;
    return new Date(this.clock).toISOString().replace(".000Z", "Z");
  }

  put<K extends X3ChangeKind>(kind: K, record: X3ChangeRecords[K], updatedAt?: string): X3ChangeRecords[K] {
    const stored = { ...record, updatedAt: updatedAt ?? this.stamp() };
    this.records[kind].set(record.key, stored);
    return stored;
  }

  putOrder(order: Omit<X3SalesOrder, "updatedAt">, updatedAt?: string): X3SalesOrder {
    return this.put("salesOrder", { ...order, updatedAt: "" }, updatedAt);
  }

  putDelivery(delivery: Omit<X3Delivery, "updatedAt">, updatedAt?: string): X3Delivery {
    return this.put("delivery", { ...delivery, updatedAt: "" }, updatedAt);
  }

  putInvoice(invoice: Omit<X3Invoice, "updatedAt">, updatedAt?: string): X3Invoice {
    return this.put("invoice", { ...invoice, updatedAt: "" }, updatedAt);
  }

  async *changes<K extends X3ChangeKind>(kind: K, window: ChangeWindow): AsyncIterable<X3ChangeRecords[K][]> {
    this.windows.push({ kind, from: window.from.toISOString(), to: window.to.toISOString() });
    if (this.failQueries > 0) {
      this.failQueries -= 1;
      throw new ConnectorError("X3 unavailable", { kind: "server", status: 503 });
    }
    const map = this.records[kind] as Map<string, X3ChangeRecords[K]>;
    const matching = [...map.values()]
      .filter((r) => Date.parse(r.updatedAt) >= window.from.getTime() && Date.parse(r.updatedAt) < window.to.getTime())
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.key.localeCompare(b.key));
    for (let i = 0; i < matching.length; i += this.pageSize) {
      yield structuredClone(matching.slice(i, i + this.pageSize));
    }
  }

  async get<K extends X3ChangeKind>(kind: K, key: string): Promise<X3ChangeRecords[K] | undefined> {
    const found = (this.records[kind] as Map<string, X3ChangeRecords[K]>).get(key);
    return found ? structuredClone(found) : undefined;
  }
}

/** An in-memory SPS `in/` + `testin/`: same name overwrites, with switches for failures. */
export class MemorySink implements DocumentSink {
  readonly name = "memory:in";
  readonly files = new Map<string, Uint8Array>();
  uploads = 0;
  /** The next N uploads fail before reaching the mailbox (503). */
  failNext = 0;
  /** The next N uploads are refused by SPS (400: the file is invalid). */
  refuseNext = 0;
  /** The next N uploads land, but the answer is lost (a crash right after the upload). */
  loseAnswers = 0;
  /** Called once the file has landed (a test crashes the process here). */
  afterUpload: (() => void) | undefined;

  async upload(file: OutboundFile): Promise<{ path: string }> {
    this.uploads += 1;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new ConnectorError("SPS unavailable", { kind: "server", status: 503, retryable: true });
    }
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      throw new ConnectorError("SPS refused the file", { kind: "validation", status: 400 });
    }
    const path = `${file.test ? "testin" : "in"}/${file.name}`;
    this.files.set(path, file.bytes);
    this.afterUpload?.();
    if (this.loseAnswers > 0) {
      this.loseAnswers -= 1;
      throw new Error("process crashed after the upload");
    }
    return { path };
  }

  json(path: string): Record<string, unknown> {
    const bytes = this.files.get(path);
    if (!bytes) throw new Error(`no file ${path}; have ${[...this.files.keys()].join(", ")}`);
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  }
}
