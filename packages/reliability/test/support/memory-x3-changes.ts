// In-memory fakes of the outbound side for the cursor model: an X3 change feed with X3's timing (second-precision
// UPDDATTIM, so several versions of a row may share a stamp; transactions that commit late with the stamp of their
// write; key-continued paging re-queried per page)
// and an SPS in/ sink (same name overwrites). Both implement sync-core's real interfaces, so the real flows run on them.
import type {
  ChangeWindow,
  DocumentSink,
  OutboundFile,
  X3ChangeFeed,
  X3ChangeKind,
  X3ChangeRecords,
  X3SalesOrder,
} from "@ml-connector/sync-core";
import type { ProcessLife } from "./crash.js";

/** The world's time in ms: X3 reads it directly, the connector with its clock skew. */
export interface WorldClock {
  now: number;
}

/** X3 writes UPDDATTIM to the second. */
export const x3Stamp = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

interface Row {
  /** The committed version: what a query sees. */
  visible?: X3SalesOrder | undefined;
  /** A version written but not committed yet (a long transaction): it carries the stamp of its write. */
  pending?: { record: X3SalesOrder; commitAt: number } | undefined;
}

/**
 * Sales orders (SORDER) as X3 keeps them. `write` stamps a new version with X3's clock, to the second: versions
 * written within one second share their UPDDATTIM. With `lateMs` a version stays invisible until the transaction
 * commits that much later, still carrying its earlier stamp. A row has one writer at a time (X3 locks it): a write on
 * a row with an uncommitted version waits for that commit. Each page of a query is asked again (continuing after the
 * last key seen), so commits between page reads show, as on the real api1.
 */
export class MemoryX3Changes {
  readonly name = "memory-x3";
  readonly rows = new Map<string, Row>();
  /** Called before each page is read: tests make X3 users act between page reads. */
  beforePage: ((pageIndex: number) => void) | undefined;
  pageSize = 2;

  constructor(readonly clock: WorldClock) {}

  /** Commits every transaction whose time has come. */
  commitDue(): void {
    for (const row of this.rows.values()) {
      if (row.pending && row.pending.commitAt <= this.clock.now) {
        row.visible = row.pending.record;
        row.pending = undefined;
      }
    }
  }

  /** Commits everything (the end of the history). */
  commitAll(): void {
    for (const row of this.rows.values()) {
      if (row.pending) {
        this.clock.now = Math.max(this.clock.now, row.pending.commitAt);
        row.visible = row.pending.record;
        row.pending = undefined;
      }
    }
  }

  write(record: Omit<X3SalesOrder, "updatedAt">, lateMs = 0): X3SalesOrder {
    const row = this.rows.get(record.key) ?? {};
    this.rows.set(record.key, row);
    if (row.pending) {
      // The row is locked by an open transaction: this writer waits for its commit.
      this.clock.now = Math.max(this.clock.now, row.pending.commitAt);
      this.commitDue();
    }
    const stamped: X3SalesOrder = { ...structuredClone(record), updatedAt: x3Stamp(this.clock.now) };
    if (lateMs > 0) row.pending = { record: stamped, commitAt: this.clock.now + lateMs };
    else row.visible = stamped;
    return stamped;
  }

  /** The committed version of a row. */
  current(key: string): X3SalesOrder | undefined {
    return this.rows.get(key)?.visible;
  }

  private query(window: ChangeWindow, after: { stamp: string; key: string } | undefined): X3SalesOrder[] {
    this.commitDue();
    return [...this.rows.values()]
      .flatMap((row) => (row.visible ? [row.visible] : []))
      .filter((r) => {
        const at = Date.parse(r.updatedAt);
        return at >= window.from.getTime() && at < window.to.getTime();
      })
      .filter(
        (r) =>
          after === undefined ||
          r.updatedAt > after.stamp ||
          (r.updatedAt === after.stamp && r.key.localeCompare(after.key) > 0),
      )
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.key.localeCompare(b.key))
      .slice(0, this.pageSize)
      .map((r) => structuredClone(r));
  }

  /** One process's view: each page read and each `get` is one of its operations (it may die on it). */
  feedFor(life: ProcessLife): X3ChangeFeed {
    const changes = this;
    return {
      name: this.name,
      changes<K extends X3ChangeKind>(kind: K, window: ChangeWindow): AsyncIterable<X3ChangeRecords[K][]> {
        return {
          async *[Symbol.asyncIterator]() {
            if (kind !== "salesOrder") return;
            let after: { stamp: string; key: string } | undefined;
            for (let pageIndex = 0; ; pageIndex += 1) {
              changes.beforePage?.(pageIndex);
              const page = await life.call(async () => changes.query(window, after));
              if (page.length === 0) return;
              const last = page[page.length - 1] as X3SalesOrder;
              after = { stamp: last.updatedAt, key: last.key };
              yield page as X3ChangeRecords[K][];
              if (page.length < changes.pageSize) return;
            }
          },
        };
      },
      get<K extends X3ChangeKind>(kind: K, key: string): Promise<X3ChangeRecords[K] | undefined> {
        return life.call(async () =>
          kind === "salesOrder" ? (structuredClone(changes.current(key)) as X3ChangeRecords[K] | undefined) : undefined,
        );
      },
    };
  }
}

/** SPS `in/`: same name overwrites; every upload that landed is in `log`. */
export class MemoryInbox {
  readonly files = new Map<string, Uint8Array>();
  readonly log: { name: string; bytes: Uint8Array }[] = [];

  sinkFor(life: ProcessLife): DocumentSink {
    return {
      name: "memory:in",
      upload: (file: OutboundFile) =>
        life.call(async () => {
          const path = `${file.test ? "testin" : "in"}/${file.name}`;
          this.files.set(path, file.bytes);
          this.log.push({ name: path, bytes: file.bytes });
          return { path };
        }),
    };
  }
}
