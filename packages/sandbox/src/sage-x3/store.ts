import type { SandboxClock } from "./clock.js";
import { classModels, recordKey, type SandboxClassName, type X3Record } from "./model.js";

export interface Diagnosis {
  $severity: "error" | "warning" | "info" | "success";
  $message: string;
}

/** A refusal as X3 sends it: `$diagnoses` at the top level and per property. */
export class X3Refusal extends Error {
  override name = "X3Refusal";
  readonly status: number;
  readonly diagnoses: Diagnosis[];
  readonly properties: Record<string, Diagnosis[]>;

  constructor(status: number, diagnoses: Diagnosis[], properties: Record<string, Diagnosis[]> = {}) {
    super([...diagnoses, ...Object.entries(properties).flatMap(([, list]) => list)].map((d) => d.$message).join("; "));
    this.status = status;
    this.diagnoses = diagnoses;
    this.properties = properties;
  }

  body(): Record<string, unknown> {
    const properties = Object.fromEntries(
      Object.entries(this.properties).map(([field, list]) => [field, { $diagnoses: list }]),
    );
    return {
      $diagnoses: this.diagnoses,
      ...(Object.keys(properties).length > 0 ? { $properties: properties } : {}),
    };
  }
}

/** Collects per-property errors of one write, then throws them together (X3 reports every field at once). */
class Checks {
  readonly properties: Record<string, Diagnosis[]> = {};
  readonly general: Diagnosis[] = [];

  field(field: string, message: string): void {
    this.properties[field] ??= [];
    this.properties[field].push({ $severity: "error", $message: message });
  }

  fail(message: string): void {
    this.general.push({ $severity: "error", $message: message });
  }

  throwIfAny(): void {
    if (this.general.length === 0 && Object.keys(this.properties).length === 0) return;
    const summary =
      this.general.length > 0 ? this.general : [{ $severity: "error" as const, $message: "Record not saved." }];
    throw new X3Refusal(400, summary, this.properties);
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function asArray(value: unknown): X3Record[] {
  return Array.isArray(value)
    ? value.filter((item): item is X3Record => typeof item === "object" && item !== null)
    : [];
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The in-memory X3 folder: one table per class, with the business rules the sandbox enforces on writes. */
export class SageX3Store {
  readonly #tables = new Map<SandboxClassName, Map<string, X3Record>>();
  readonly #clock: SandboxClock;
  readonly #sequences = new Map<string, number>();
  readonly taxRate: number;

  constructor(clock: SandboxClock, taxRate = 0) {
    this.#clock = clock;
    this.taxRate = taxRate;
    for (const name of Object.keys(classModels) as SandboxClassName[]) this.#tables.set(name, new Map());
  }

  #table(className: SandboxClassName): Map<string, X3Record> {
    const table = this.#tables.get(className);
    if (!table) throw new Error(`Unknown class ${className}`);
    return table;
  }

  nextNumber(prefix: string, width = 7): string {
    const next = (this.#sequences.get(prefix) ?? 0) + 1;
    this.#sequences.set(prefix, next);
    return `${prefix}${String(next).padStart(width, "0")}`;
  }

  get(className: SandboxClassName, key: string): X3Record | undefined {
    const found = this.#table(className).get(key);
    return found ? clone(found) : undefined;
  }

  /** Every record of a class (copies), in key order; with a filter, only those it keeps (filtered before copying). */
  list(className: SandboxClassName, keep?: (record: Readonly<X3Record>) => boolean): X3Record[] {
    const records = [...this.#table(className).values()];
    return (keep ? records.filter(keep) : records).map(clone);
  }

  /** Stores a record as is, stamping CREDATTIM (first time) and UPDDATTIM: what X3's supervisor does on every write. */
  put(className: SandboxClassName, record: X3Record): X3Record {
    const key = recordKey(className, record);
    const table = this.#table(className);
    const previous = table.get(key);
    const now = this.#clock.x3DateTime();
    const stored = { ...clone(record), CREDATTIM: previous?.CREDATTIM ?? record.CREDATTIM ?? now, UPDDATTIM: now };
    table.set(key, stored);
    return clone(stored);
  }

  remove(className: SandboxClassName, key: string): boolean {
    return this.#table(className).delete(key);
  }

  // ---- writes through api1, with business checks ----

  create(className: SandboxClassName, input: X3Record): X3Record {
    switch (className) {
      case "SORDER":
        return this.put("SORDER", this.#salesOrder(input, undefined));
      case "PORDER":
        return this.put("PORDER", this.#purchaseOrder(input, undefined));
      case "SDELIVERY":
      case "SINVOICE":
        throw new X3Refusal(400, [
          {
            $severity: "error",
            $message: `${className} records are created in X3 by its users in this sandbox (data.deliver / data.invoice).`,
          },
        ]);
      default: {
        const checks = new Checks();
        for (const field of classModels[className].keyFields) {
          if (isBlank(input[field])) checks.field(field, `${field}: mandatory field.`);
        }
        checks.throwIfAny();
        const key = recordKey(className, input);
        if (this.#table(className).has(key)) {
          throw new X3Refusal(400, [{ $severity: "error", $message: `Record ${key} already exists.` }]);
        }
        return this.put(className, stripMeta(input));
      }
    }
  }

  update(className: SandboxClassName, key: string, changes: X3Record): X3Record {
    const current = this.get(className, key);
    if (!current) throw notFound(className, key);
    for (const field of classModels[className].keyFields) {
      if (changes[field] !== undefined && changes[field] !== current[field]) {
        throw new X3Refusal(400, [], {
          [field]: [{ $severity: "error", $message: `${field}: the key cannot change.` }],
        });
      }
    }
    switch (className) {
      case "SORDER":
        if (current.ORDSTA === 2 && changes.ORDSTA !== 1) {
          throw new X3Refusal(400, [{ $severity: "error", $message: `Order ${key} is closed.` }]);
        }
        return this.put("SORDER", this.#salesOrder(changes, current));
      case "PORDER":
        if (current.CLEFLG === 2) {
          throw new X3Refusal(400, [{ $severity: "error", $message: `Purchase order ${key} is closed.` }]);
        }
        return this.put("PORDER", this.#purchaseOrder(changes, current));
      default:
        return this.put(className, { ...current, ...stripMeta(changes) });
    }
  }

  delete(className: SandboxClassName, key: string): void {
    const current = this.get(className, key);
    if (!current) throw notFound(className, key);
    if (className === "SORDER" && asArray(current.SOHSOP).some((line) => Number(line.DLVQTY ?? 0) > 0)) {
      throw new X3Refusal(400, [
        { $severity: "error", $message: `Order ${key} has deliveries and cannot be deleted.` },
      ]);
    }
    this.remove(className, key);
  }

  #salesOrder(input: X3Record, current: X3Record | undefined): X3Record {
    const checks = new Checks();
    const merged: X3Record = { ...(current ?? {}), ...stripMeta(input) };
    if (!current) {
      merged.SOHTYP ??= "SON";
      merged.ORDDAT ??= this.#clock.x3Date();
    }
    for (const field of ["SALFCY", "BPCORD", "SOHTYP", "ORDDAT"]) {
      if (isBlank(merged[field])) checks.field(field, `${field}: mandatory field.`);
    }
    const customer = isBlank(merged.BPCORD) ? undefined : this.get("BPCUSTOMER", String(merged.BPCORD));
    if (!isBlank(merged.BPCORD) && !customer)
      checks.field("BPCORD", `Customer ${String(merged.BPCORD)} does not exist.`);
    const site = isBlank(merged.SALFCY) ? undefined : this.get("FACILITY", String(merged.SALFCY));
    if (!isBlank(merged.SALFCY) && !site) checks.field("SALFCY", `Site ${String(merged.SALFCY)} does not exist.`);
    if (typeof merged.CUSORDREF === "string" && merged.CUSORDREF.length > 20) {
      checks.field("CUSORDREF", "CUSORDREF: 20 characters at most.");
    }
    if (customer) {
      merged.BPCINV ??= customer.BPCINV ?? customer.BPCNUM;
      merged.CUR ??= customer.CUR;
      merged.PTE ??= customer.PTE;
      merged.BPAADD ??= customer.BPAADD;
      const addresses = asArray(customer.BPCBPA).map((address) => address.BPAADD);
      if (!isBlank(merged.BPAADD) && !addresses.includes(merged.BPAADD)) {
        checks.field(
          "BPAADD",
          `Address ${String(merged.BPAADD)} does not exist for customer ${String(customer.BPCNUM)}.`,
        );
      }
    }
    if (site) {
      merged.STOFCY ??= site.FCY;
      merged.CPY ??= site.LEGCPY;
    }
    if (input.SOHSOP !== undefined || !current) {
      const previousLines = new Map(asArray(current?.SOHSOP).map((line) => [Number(line.SOPLIN), line]));
      const lines = asArray(input.SOHSOP);
      if (lines.length === 0) checks.field("SOHSOP", "SOHSOP: the order needs at least one line.");
      let nextLine = Math.max(0, ...[...previousLines.keys()]) + 1000;
      merged.SOHSOP = lines.map((raw, index) => {
        const line: X3Record = { ...stripMeta(raw) };
        const path = `SOHSOP[${index}]`;
        const before = line.SOPLIN === undefined ? undefined : previousLines.get(Number(line.SOPLIN));
        if (line.SOPLIN === undefined) {
          line.SOPLIN = nextLine;
          nextLine += 1000;
        }
        const product = isBlank(line.ITMREF) ? undefined : this.get("ITMMASTER", String(line.ITMREF));
        if (isBlank(line.ITMREF)) checks.field(`${path}.ITMREF`, "ITMREF: mandatory field.");
        else if (!product) checks.field(`${path}.ITMREF`, `Product ${String(line.ITMREF)} does not exist.`);
        if (typeof line.QTY !== "number" || !Number.isFinite(line.QTY) || line.QTY < 0) {
          checks.field(`${path}.QTY`, "QTY: a quantity of zero or more is required.");
        }
        if (line.GROPRI !== undefined && (typeof line.GROPRI !== "number" || line.GROPRI < 0)) {
          checks.field(`${path}.GROPRI`, "GROPRI: invalid price.");
        }
        const gross = typeof line.GROPRI === "number" ? line.GROPRI : Number(product?.BASPRI ?? 0);
        return {
          ALLQTY: 0,
          DLVQTY: 0,
          INVQTY: 0,
          SOQSTA: 1,
          LINALLSTA: 1,
          ...(before ?? {}),
          ...line,
          ITMDES1: line.ITMDES1 ?? product?.ITMDES1,
          SAU: line.SAU ?? product?.SAU,
          GROPRI: gross,
          NETPRI: typeof line.NETPRI === "number" ? line.NETPRI : gross,
          DEMDLVDAT: line.DEMDLVDAT ?? merged.DEMDLVDAT,
        };
      });
    }
    checks.throwIfAny();
    if (!current) merged.SOHNUM = this.nextNumber("SO");
    merged.ORDSTA ??= 1;
    merged.CFMFLG ??= 1;
    if (merged.ORDSTA === 2) {
      merged.SOHSOP = asArray(merged.SOHSOP).map((line) => ({ ...line, SOQSTA: 3 }));
    }
    return recomputeSalesOrder(merged, this.taxRate);
  }

  #purchaseOrder(input: X3Record, current: X3Record | undefined): X3Record {
    const checks = new Checks();
    const merged: X3Record = { ...(current ?? {}), ...stripMeta(input) };
    if (!current) merged.ORDDAT ??= this.#clock.x3Date();
    for (const field of ["POHFCY", "BPSNUM"]) {
      if (isBlank(merged[field])) checks.field(field, `${field}: mandatory field.`);
    }
    const supplier = isBlank(merged.BPSNUM) ? undefined : this.get("BPSUPPLIER", String(merged.BPSNUM));
    if (!isBlank(merged.BPSNUM) && !supplier)
      checks.field("BPSNUM", `Supplier ${String(merged.BPSNUM)} does not exist.`);
    const site = isBlank(merged.POHFCY) ? undefined : this.get("FACILITY", String(merged.POHFCY));
    if (!isBlank(merged.POHFCY) && !site) checks.field("POHFCY", `Site ${String(merged.POHFCY)} does not exist.`);
    merged.CUR ??= supplier?.CUR;
    merged.CPY ??= site?.LEGCPY;
    if (input.POHPOP !== undefined || !current) {
      const lines = asArray(input.POHPOP);
      if (lines.length === 0) checks.field("POHPOP", "POHPOP: the order needs at least one line.");
      merged.POHPOP = lines.map((raw, index) => {
        const line: X3Record = { ...stripMeta(raw) };
        const path = `POHPOP[${index}]`;
        const product = isBlank(line.ITMREF) ? undefined : this.get("ITMMASTER", String(line.ITMREF));
        if (isBlank(line.ITMREF)) checks.field(`${path}.ITMREF`, "ITMREF: mandatory field.");
        else if (!product) checks.field(`${path}.ITMREF`, `Product ${String(line.ITMREF)} does not exist.`);
        if (typeof line.QTYUOM !== "number" || line.QTYUOM <= 0) {
          checks.field(`${path}.QTYUOM`, "QTYUOM: a positive quantity is required.");
        }
        const gross = typeof line.GROPRI === "number" ? line.GROPRI : 0;
        const net = typeof line.NETPRI === "number" ? line.NETPRI : gross;
        return {
          POPLIN: (index + 1) * 1000,
          LINSTA: 1,
          ...line,
          ITMDES1: line.ITMDES1 ?? product?.ITMDES1,
          UOM: line.UOM ?? product?.PUU ?? product?.STU,
          GROPRI: gross,
          NETPRI: net,
          LINAMT: round2(net * Number(line.QTYUOM ?? 0)),
        };
      });
    }
    checks.throwIfAny();
    if (!current) merged.POHNUM = this.nextNumber("PO");
    merged.CLEFLG ??= 1;
    merged.RCPFLG ??= 1;
    merged.INVFLG ??= 1;
    const total = round2(asArray(merged.POHPOP).reduce((sum, line) => sum + Number(line.LINAMT ?? 0), 0));
    merged.TOTORD = total;
    merged.TTVORD = round2(total * (1 + this.taxRate));
    return merged;
  }
}

/** Header amounts and statuses derived from the lines. */
export function recomputeSalesOrder(order: X3Record, taxRate: number): X3Record {
  const lines = asArray(order.SOHSOP);
  const open = lines.filter((line) => Number(line.QTY) > 0);
  const total = round2(lines.reduce((sum, line) => sum + Number(line.QTY ?? 0) * Number(line.NETPRI ?? 0), 0));
  const status = (done: (line: X3Record) => number): number => {
    if (open.length === 0) return 1;
    const full = open.every((line) => done(line) >= Number(line.QTY));
    const some = open.some((line) => done(line) > 0);
    return full ? 3 : some ? 2 : 1;
  };
  for (const line of lines) {
    const allocated = Number(line.ALLQTY ?? 0) + Number(line.DLVQTY ?? 0);
    line.LINALLSTA = allocated <= 0 ? 1 : allocated >= Number(line.QTY) ? 3 : 2;
    if (Number(line.DLVQTY ?? 0) >= Number(line.QTY) && Number(line.QTY) > 0) line.SOQSTA = 3;
  }
  return {
    ...order,
    SOHSOP: lines,
    ORDNOT: total,
    ORDATI: round2(total * (1 + taxRate)),
    ALLSTA: status((line) => Number(line.ALLQTY ?? 0) + Number(line.DLVQTY ?? 0)),
    DLVSTA: status((line) => Number(line.DLVQTY ?? 0)),
    INVSTA: status((line) => Number(line.INVQTY ?? 0)),
  };
}

function stripMeta(record: X3Record): X3Record {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith("$")));
}

export function notFound(className: string, key: string): X3Refusal {
  return new X3Refusal(404, [{ $severity: "error", $message: `${className} ${key} does not exist.` }]);
}
