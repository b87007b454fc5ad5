// In-memory fakes of the two systems (a copy of sync-core's test pattern): the engine's logic without a wire.
import type { InboundFile, OrderDraft, OrderGateway, OrderRef, OrderSource } from "@ml-connector/sync-core";
import { ConnectorError } from "@ml-connector/transport";

/** An in-memory mailbox paged by name, 3 files a page. */
export class MemoryMailbox implements OrderSource {
  readonly name = "memory:out";
  readonly files = new Map<string, Uint8Array>();
  pageSize = 3;

  put(name: string, bytes: Uint8Array): void {
    this.files.set(name, bytes);
  }

  async *pages(): AsyncIterable<InboundFile[]> {
    const names = [...this.files.keys()].sort();
    for (let i = 0; i < names.length; i += this.pageSize) {
      yield names.slice(i, i + this.pageSize).map((name) => ({ name, path: `out/${name}` }));
    }
  }

  async download(file: InboundFile): Promise<Uint8Array> {
    const bytes = this.files.get(file.name);
    if (!bytes) throw new ConnectorError(`no file ${file.name}`, { kind: "not-found" });
    return bytes;
  }

  async remove(file: InboundFile): Promise<void> {
    this.files.delete(file.name);
  }
}

/** An in-memory X3 with natural-key lookups and no idempotency keys, as the real one. */
export class MemoryX3 implements OrderGateway {
  readonly orders = new Map<string, OrderDraft & { key: string; closed: boolean }>();
  creates = 0;
  #next = 1;

  async find(kind: OrderDraft["kind"], counterparty: string, poNumber: string): Promise<OrderRef | undefined> {
    for (const order of this.orders.values()) {
      if (order.kind === kind && order.counterparty === counterparty && order.poNumber === poNumber) {
        return { kind, key: order.key };
      }
    }
    return undefined;
  }

  async create(draft: OrderDraft): Promise<OrderRef> {
    this.creates += 1;
    const key = `SO${String(this.#next++).padStart(5, "0")}`;
    this.orders.set(key, { ...draft, key, closed: false });
    return { kind: draft.kind, key };
  }

  async replace(order: OrderRef, draft: OrderDraft): Promise<void> {
    const existing = this.orders.get(order.key);
    if (!existing) throw new ConnectorError("no such order", { kind: "not-found", status: 404 });
    this.orders.set(order.key, { ...draft, key: order.key, closed: existing.closed });
  }

  async close(order: OrderRef): Promise<void> {
    const existing = this.orders.get(order.key);
    if (!existing) throw new ConnectorError("no such order", { kind: "not-found", status: 404 });
    existing.closed = true;
  }
}
