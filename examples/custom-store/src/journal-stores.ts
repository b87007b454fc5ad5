import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import {
  type Clock,
  ConnectorError,
  type ConnectorStores,
  createMemoryAuditStore,
  createMemoryCursorStore,
  createMemoryLock,
  createMemoryMappingStore,
  createMemorySequenceStore,
  createMemoryTokenStore,
} from "@ml-connector/state";

/**
 * A store adapter in one file: every write to a port is appended to a journal (one JSON line, fsync'ed before the
 * call resolves), and opening the file replays the journal into the in-memory stores of @ml-connector/state. Event
 * sourcing in 200 lines: durable across restarts, and passing the same conformance suite as the SQLite store.
 *
 * What it shows about adapters:
 * - the contracts (compare-and-set cursors, exactly-once ledger, sequences, lookups) come from the ports, and here
 *   from the memory implementations of @ml-connector/state, so the adapter only has to make them durable;
 * - a write resolves only once it is on disk (`fsync`), because the engine moves on (deletes an SPS file, uploads an
 *   855) as soon as it does;
 * - everything the stores derive from the clock or chance (ids, timestamps) is written down, so a replay rebuilds the
 *   very same records.
 *
 * Limits, on purpose: one process per file (locks are in memory; a crashed holder's lock dies with it), the journal
 * grows without compaction, and tokens sit in the file in clear (protect it like the SQLite file).
 */
export interface JournalStoresOptions {
  /** The journal file (JSON lines); created on the first write. */
  path: string;
  /** Time source, `now()` in epoch milliseconds (default the system clock); the conformance suite passes its own. */
  clock?: Clock;
}

export interface JournalStores extends ConnectorStores {
  readonly path: string;
  /** Entries replayed when the file was opened. */
  readonly replayed: number;
}

type PortName = "cursors" | "mappings" | "audit" | "tokens" | "sequences";
type AsyncMethod = (...args: unknown[]) => Promise<unknown>;

interface JournalEntry {
  /** The clock reading the call saw, so that timestamps come back identical. */
  at: number;
  port: PortName;
  method: string;
  args: unknown[];
}

/** The calls that change something; reads go straight to memory. Locks are not journaled (leases die with the process). */
const writes: Readonly<Record<PortName, readonly string[]>> = {
  cursors: ["set", "delete"],
  tokens: ["set", "delete"],
  sequences: ["next"],
  mappings: [
    "upsertPartner",
    "deletePartner",
    "upsertShipTo",
    "deleteShipTo",
    "upsertItem",
    "deleteItem",
    "upsertUom",
    "deleteUom",
    "upsertCostCentre",
    "deleteCostCentre",
    "upsertMany",
  ],
  audit: [
    "recordDocument",
    "updateDocument",
    "putPayload",
    "recordAttempt",
    "link",
    "beginEffect",
    // Orders-in begins its effects with it: unjournaled, the journal would hold their completions and not replay.
    "beginNewEffect",
    "completeEffect",
    "failEffect",
  ],
};

/** Opens (replays) the journal at `path`; throws a `configuration` error when the file is damaged. */
export async function openJournalStores(options: JournalStoresOptions): Promise<JournalStores> {
  // One clock for the memory stores: the real time while live, the journaled time while replaying.
  let frozenAt: number | undefined;
  const liveClock = options.clock ?? { now: () => Date.now() };
  const clock: Clock = { now: () => frozenAt ?? liveClock.now() };
  const memory = {
    cursors: createMemoryCursorStore({ clock }),
    mappings: createMemoryMappingStore(),
    audit: createMemoryAuditStore({ clock }),
    tokens: createMemoryTokenStore(),
    sequences: createMemorySequenceStore(),
  };
  const method = (port: PortName, name: string): AsyncMethod => {
    const fn: unknown = Reflect.get(memory[port], name);
    if (typeof fn !== "function") throw new ConnectorError(`No method ${port}.${name}`, { kind: "configuration" });
    return (...args) => Reflect.apply(fn, memory[port], args) as Promise<unknown>;
  };

  const replayed = await replay(options.path, async (entry) => {
    frozenAt = entry.at;
    try {
      await method(entry.port, entry.method)(...entry.args);
    } finally {
      frozenAt = undefined;
    }
  });

  const fd = openSync(options.path, "a");
  let closed = false;
  // Writes run one at a time, in the order they were called, so the journal's order is the order they took effect.
  let tail: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  };

  const journaled = (port: PortName, name: string): AsyncMethod => {
    const call = method(port, name);
    return (...args) =>
      serially(async () => {
        if (closed) throw new ConnectorError(`The journal ${options.path} is closed.`, { kind: "configuration" });
        const at = liveClock.now();
        frozenAt = at;
        let result: unknown;
        try {
          result = await call(...args);
        } finally {
          frozenAt = undefined;
        }
        // A failed call changed nothing and is not written. A document's id is chosen by the store: keep it.
        const recorded = name === "recordDocument" ? [{ ...(args[0] as object), id: idOf(result) }] : args;
        const line = `${encode({ at, port, method: name, args: recorded } satisfies JournalEntry)}\n`;
        writeSync(fd, line);
        fsyncSync(fd);
        return result;
      });
  };

  /** The memory port with its write methods replaced by journaled ones. */
  const port = <P extends PortName>(name: P): (typeof memory)[P] => {
    const wrapped: Record<string, unknown> = { ...memory[name] };
    for (const write of writes[name]) wrapped[write] = journaled(name, write);
    // Reads wait for the writes called before them, so a caller reads what it wrote.
    for (const [key, value] of Object.entries(memory[name])) {
      if (typeof value === "function" && !writes[name].includes(key)) {
        wrapped[key] = (...args: unknown[]) => serially(() => method(name, key)(...args));
      }
    }
    // Same methods, same signatures: only their bodies changed.
    return wrapped as unknown as (typeof memory)[P];
  };

  return {
    path: options.path,
    replayed,
    cursors: port("cursors"),
    mappings: port("mappings"),
    audit: port("audit"),
    tokens: port("tokens"),
    sequences: port("sequences"),
    locks: createMemoryLock({ clock: liveClock }),
    async close() {
      await serially(async () => {
        if (closed) return;
        closed = true;
        closeSync(fd);
      });
    },
  };
}

/** Reads the journal and applies each entry in order. A torn last line (a crash mid-write) is ignored. */
async function replay(path: string, apply: (entry: JournalEntry) => Promise<void>): Promise<number> {
  if (!existsSync(path)) return 0;
  const lines = readFileSync(path, "utf8").split("\n");
  const entries: JournalEntry[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const entry = decode(line);
    if (entry !== undefined) entries.push(entry);
    else if (index < lines.length - 1 && lines.slice(index + 1).some((rest) => rest.trim() !== "")) {
      throw new ConnectorError(`${path}, line ${index + 1}: not a journal entry; the file is damaged.`, {
        kind: "configuration",
      });
    }
  });
  for (const [index, entry] of entries.entries()) {
    try {
      await apply(entry);
    } catch (error) {
      throw new ConnectorError(`${path}: entry ${index + 1} (${entry.port}.${entry.method}) does not replay.`, {
        kind: "configuration",
        cause: error,
      });
    }
  }
  return entries.length;
}

function idOf(result: unknown): unknown {
  return typeof result === "object" && result !== null ? Reflect.get(result, "id") : undefined;
}

/** JSON with the three things JSON lacks here: bytes (payloads), dates (attempt times), undefined arguments. */
function encode(value: JournalEntry): string {
  return JSON.stringify(value, function (this: unknown, key: string, current: unknown) {
    const raw: unknown = typeof this === "object" && this !== null ? Reflect.get(this, key) : current;
    if (raw instanceof Uint8Array) return { $bytes: Buffer.from(raw).toString("base64") };
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (raw === undefined && Array.isArray(this)) return { $undefined: true };
    return current;
  });
}

function decode(line: string): JournalEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line, (_key, value: unknown) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
      if ("$bytes" in value && typeof value.$bytes === "string")
        return new Uint8Array(Buffer.from(value.$bytes, "base64"));
      if ("$date" in value && typeof value.$date === "string") return new Date(value.$date);
      if ("$undefined" in value) return undefined;
      return value;
    });
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { at, port, method, args } = parsed as Partial<JournalEntry>;
  if (typeof at !== "number" || typeof method !== "string" || !Array.isArray(args)) return undefined;
  if (port === undefined || !(port in writes) || !writes[port].includes(method)) return undefined;
  return { at, port, method, args };
}
