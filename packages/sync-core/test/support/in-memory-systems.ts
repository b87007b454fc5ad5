import { ConnectorError } from "@ml-connector/transport";
import type { OrderDraft, OrderGateway, OrderRef } from "../../src/ports/order-gateway.js";
import type { InboundFile, OrderSource } from "../../src/ports/order-source.js";

/** An in-memory mailbox: the flow's logic under test without a wire (the sandbox tests cover the wire). */
export class MemoryMailbox implements OrderSource {
  readonly name = "memory:out";
  readonly files = new Map<string, Uint8Array>();
  failRemovals = 0;

  put(name: string, bytes: Uint8Array): void {
    this.files.set(name, bytes);
  }

  async *pages(): AsyncIterable<InboundFile[]> {
    const names = [...this.files.keys()].sort();
    for (let i = 0; i < names.length; i += 3) {
      yield names.slice(i, i + 3).map((name) => ({ name, path: `out/${name}` }));
    }
  }

  async download(file: InboundFile): Promise<Uint8Array> {
    const bytes = this.files.get(file.name);
    if (!bytes) throw new ConnectorError(`no file ${file.name}`, { kind: "not-found" });
    return bytes;
  }

  async remove(file: InboundFile): Promise<void> {
    if (this.failRemovals > 0) {
      this.failRemovals -= 1;
      throw new ConnectorError("delete failed", { kind: "server", status: 503 });
    }
    this.files.delete(file.name);
  }
}

/** An in-memory X3 with the natural-key semantics of the real one, and a switch to lose the answer of a create. */
export class MemoryX3 implements OrderGateway {
  readonly orders = new Map<string, OrderDraft & { key: string; closed: boolean }>();
  calls = { find: 0, create: 0, replace: 0, close: 0 };
  /** The next N creates happen, but the caller gets a connection error (a crash or a dropped link). */
  loseCreateAnswers = 0;
  #next = 1;

  async find(kind: OrderDraft["kind"], counterparty: string, poNumber: string): Promise<OrderRef | undefined> {
    this.calls.find += 1;
    for (const order of this.orders.values()) {
      if (order.kind === kind && order.counterparty === counterparty && order.poNumber === poNumber) {
        return { kind, key: order.key };
      }
    }
    return undefined;
  }

  async create(draft: OrderDraft): Promise<OrderRef> {
    this.calls.create += 1;
    const key = `SO${String(this.#next++).padStart(5, "0")}`;
    this.orders.set(key, { ...draft, key, closed: false });
    if (this.loseCreateAnswers > 0) {
      this.loseCreateAnswers -= 1;
      throw new ConnectorError("socket hang up", { kind: "connection" });
    }
    return { kind: draft.kind, key };
  }

  async replace(order: OrderRef, draft: OrderDraft): Promise<void> {
    this.calls.replace += 1;
    const existing = this.orders.get(order.key);
    if (!existing) throw new ConnectorError("no such order", { kind: "not-found", status: 404 });
    this.orders.set(order.key, { ...draft, key: order.key, closed: existing.closed });
  }

  async close(order: OrderRef): Promise<void> {
    this.calls.close += 1;
    const existing = this.orders.get(order.key);
    if (!existing) throw new ConnectorError("no such order", { kind: "not-found", status: 404 });
    existing.closed = true;
  }
}
