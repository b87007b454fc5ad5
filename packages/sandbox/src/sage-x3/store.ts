import { randomUUID } from "node:crypto";
import type { SandboxClock } from "./clock.js";
import { classModels, recordKey, type SandboxClassName, type X3Record } from "./model.js";
import { evaluateWhere, type WhereNode } from "./where.js";

export interface Diagnosis {
  $severity: "error" | "warning" | "info" | "success";
  $message: string;
}

/** Diagnoses of one child line, reported inside that line's `$properties` as X3 does. */
export interface LineDiagnoses {
  /** The child collection (`SOHSOP`). */
  collection: string;
  /** The line's position in the payload that was sent. */
  index: number;
  /** What identifies the line: its `$uuid` and/or line number, echoed back. */
  identity: X3Record;
  properties: Record<string, Diagnosis[]>;
}

/**
 * A refusal as X3 sends it. Request-level problems (unknown resource, unreadable body) go to the top-level
 * `$diagnoses`; a save the business rules refuse reports under `$actions.$save.$diagnoses`, per header property under
 * `$properties.FIELD.$diagnoses`, and per line inside that line's own `$properties` in the child collection.
 */
export class X3Refusal extends Error {
  override name = "X3Refusal";
  readonly status: number;
  readonly diagnoses: Diagnosis[];
  readonly properties: Record<string, Diagnosis[]>;
  readonly lines: LineDiagnoses[];
  /** Whether the diagnoses are the save action's (business rules) rather than the request's. */
  readonly onSave: boolean;

  constructor(
    status: number,
    diagnoses: Diagnosis[],
    properties: Record<string, Diagnosis[]> = {},
    options: { lines?: LineDiagnoses[]; onSave?: boolean } = {},
  ) {
    const lines = options.lines ?? [];
    super(
      [
        ...diagnoses,
        ...Object.values(properties).flat(),
        ...lines.flatMap((line) => Object.values(line.properties).flat()),
      ]
        .map((d) => d.$message)
        .join("; "),
    );
    this.status = status;
    this.diagnoses = diagnoses;
    this.properties = properties;
    this.lines = lines;
    this.onSave = options.onSave ?? false;
  }

  body(): Record<string, unknown> {
    const wrap = (entries: Record<string, Diagnosis[]>) =>
      Object.fromEntries(Object.entries(entries).map(([field, list]) => [field, { $diagnoses: list }]));
    const properties = wrap(this.properties);
    const collections: Record<string, X3Record[]> = {};
    for (const line of this.lines) {
      collections[line.collection] ??= [];
      const list = collections[line.collection] ?? [];
      while (list.length < line.index) list.push({});
      list[line.index] = { ...line.identity, $properties: wrap(line.properties) };
    }
    return {
      ...(this.onSave ? { $actions: { $save: { $diagnoses: this.diagnoses } } } : { $diagnoses: this.diagnoses }),
      ...(Object.keys(properties).length > 0 ? { $properties: properties } : {}),
      ...collections,
    };
  }
}

/** Collects the errors of one write, then throws them together (X3 reports every field at once). */
class Checks {
  readonly properties: Record<string, Diagnosis[]> = {};
  readonly general: Diagnosis[] = [];
  readonly lines = new Map<string, LineDiagnoses>();

  field(field: string, message: string): void {
    this.properties[field] ??= [];
    this.properties[field].push({ $severity: "error", $message: message });
  }

  /** An error on one line of a child collection, reported inside that line. */
  line(collection: string, index: number, identity: X3Record, field: string, message: string): void {
    const id = `${collection}#${index}`;
    const entry = this.lines.get(id) ?? { collection, index, identity, properties: {} };
    this.lines.set(id, entry);
    entry.properties[field] ??= [];
    entry.properties[field].push({ $severity: "error", $message: message });
  }

  fail(message: string): void {
    this.general.push({ $severity: "error", $message: message });
  }

  throwIfAny(): void {
    if (this.general.length === 0 && Object.keys(this.properties).length === 0 && this.lines.size === 0) return;
    const summary =
      this.general.length > 0 ? this.general : [{ $severity: "error" as const, $message: "Record not saved." }];
    throw new X3Refusal(400, summary, this.properties, { lines: [...this.lines.values()], onSave: true });
  }
}

/** The `$uuid`/line number a payload line carried, echoed back with its diagnoses. */
function lineIdentity(raw: X3Record, lineKey: string): X3Record {
  return {
    ...(typeof raw.$uuid === "string" ? { $uuid: raw.$uuid } : {}),
    ...(raw[lineKey] !== undefined ? { [lineKey]: raw[lineKey] } : {}),
  };
}

interface MergedLine {
  /** The stored line before this write (undefined for an appended line). */
  before: X3Record | undefined;
  /** The properties sent for it (empty for a line the payload did not mention). */
  sent: X3Record;
  /** Its position in the payload, for diagnoses (-1 when not sent). */
  index: number;
  identity: X3Record;
}

/**
 * How api1 applies a child collection on `$edit`: each line sent is matched to a stored line by its `$uuid`, else by
 * its line number; a line carrying neither is appended; a matched line marked `$isDeleted: true` is removed; stored
 * lines the payload does not mention stay as they are (an update changes only what it sends).
 */
function mergeChildLines(
  collection: string,
  lineKey: string,
  stored: readonly X3Record[],
  sent: readonly X3Record[],
  checks: Checks,
): MergedLine[] {
  const result: MergedLine[] = stored.map((line) => ({ before: line, sent: {}, index: -1, identity: {} }));
  const appended: MergedLine[] = [];
  const deleted = new Set<MergedLine>();
  for (const [index, raw] of sent.entries()) {
    const identity = lineIdentity(raw, lineKey);
    let target: MergedLine | undefined;
    if (typeof raw.$uuid === "string") {
      target = result.find((entry) => entry.before?.AUUID === raw.$uuid);
      if (!target) {
        checks.line(collection, index, identity, "$uuid", `Line ${raw.$uuid} does not exist in this document.`);
        continue;
      }
    } else if (raw[lineKey] !== undefined) {
      target = result.find((entry) => Number(entry.before?.[lineKey]) === Number(raw[lineKey]));
    }
    if (target && target.index >= 0) {
      checks.line(collection, index, identity, lineKey, `Line ${String(target.before?.[lineKey])} is sent twice.`);
      continue;
    }
    if (raw.$isDeleted === true) {
      if (!target) {
        checks.line(collection, index, identity, lineKey, "Only an existing line can be deleted.");
        continue;
      }
      target.index = index;
      target.identity = { ...identity, [lineKey]: target.before?.[lineKey] };
      deleted.add(target);
      continue;
    }
    if (target) {
      target.sent = stripMeta(raw);
      target.index = index;
      target.identity = { ...identity, [lineKey]: target.before?.[lineKey] };
    } else {
      appended.push({ before: undefined, sent: stripMeta(raw), index, identity });
    }
  }
  return [...result.filter((entry) => !deleted.has(entry)), ...appended].concat(
    [...deleted].map((entry) => ({ ...entry, sent: { $isDeleted: true } })),
  );
}

const isDeletion = (entry: MergedLine) => entry.sent.$isDeleted === true;

interface LineRules {
  collection: string;
  lineKey: string;
  /** What X3 already delivered/received on the line: such a line cannot be deleted. */
  done: string;
  doneWhat: string;
}

interface LineToValidate {
  /** The properties sent (with its new line number when appended). */
  line: X3Record;
  before: X3Record | undefined;
  /** The line as it would be stored: before, then what was sent. */
  effective: X3Record;
  fail: (field: string, message: string) => void;
}

/**
 * The stored lines after an `$edit` of a child collection (see mergeChildLines): deletions applied (refused on lines
 * with deliveries/receipts), untouched lines kept, appended lines numbered, sent lines built by `build`.
 */
function applyChildLines(
  rules: LineRules,
  stored: readonly X3Record[],
  sent: readonly X3Record[],
  checks: Checks,
  build: (line: LineToValidate) => X3Record,
): X3Record[] {
  const entries = mergeChildLines(rules.collection, rules.lineKey, stored, sent, checks);
  let nextLine = nextLineNumber(stored, entries, rules.lineKey);
  const lines: X3Record[] = [];
  for (const entry of entries) {
    const fail = (field: string, message: string) =>
      checks.line(rules.collection, entry.index, entry.identity, field, message);
    const before = entry.before;
    if (isDeletion(entry)) {
      if (before && Number(before[rules.done] ?? 0) > 0) {
        const number = String(before[rules.lineKey]);
        fail(rules.lineKey, `Line ${number} has ${rules.doneWhat} and cannot be deleted: close it.`);
        lines.push(before);
      }
      continue;
    }
    if (entry.index < 0 && before) {
      lines.push(before);
      continue;
    }
    const line = entry.sent;
    if (!before && line[rules.lineKey] === undefined) {
      line[rules.lineKey] = nextLine;
      nextLine += 1000;
    }
    lines.push(build({ line, before, effective: { ...(before ?? {}), ...line }, fail }));
  }
  return lines;
}

/** The number X3 gives the next appended line: after every stored and sent line number, in steps of 1000. */
function nextLineNumber(stored: readonly X3Record[], entries: readonly MergedLine[], lineKey: string): number {
  const numbers = [...stored, ...entries.map((entry) => entry.sent)]
    .map((line) => Number(line[lineKey]))
    .filter((value) => Number.isFinite(value));
  return Math.max(0, ...numbers) + 1000;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A line's net price: the one sent, else the one it had when only other fields changed, else its gross price. */
function netPriceOf({ line, before }: LineToValidate, gross: number): number {
  if (typeof line.NETPRI === "number") return line.NETPRI;
  return line.GROPRI === undefined && typeof before?.NETPRI === "number" ? before.NETPRI : gross;
}

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

/**
 * An index of one property: the keys of the records by the property's string value, and apart the keys of records
 * whose value is a number or another non-string (the where clause compares `5` and `'5'` as equal, so such records
 * stay candidates for every looked-up value). Records without the property never equal a value and are not kept.
 */
class PropertyIndex {
  readonly #byValue = new Map<string, Set<string>>();
  readonly #other = new Set<string>();

  add(key: string, value: unknown): void {
    if (value === undefined || value === null) return;
    if (typeof value !== "string") {
      this.#other.add(key);
      return;
    }
    let keys = this.#byValue.get(value);
    if (!keys) {
      keys = new Set();
      this.#byValue.set(value, keys);
    }
    keys.add(key);
  }

  remove(key: string, value: unknown): void {
    if (value === undefined || value === null) return;
    if (typeof value !== "string") {
      this.#other.delete(key);
      return;
    }
    const keys = this.#byValue.get(value);
    keys?.delete(key);
    if (keys?.size === 0) this.#byValue.delete(value);
  }

  /** The keys of every record that may hold `value`: those holding exactly it, and those holding a non-string. */
  candidates(value: string): string[] {
    return [...(this.#byValue.get(value) ?? []), ...this.#other];
  }
}

/** `FIELD eq 'text'` comparisons joined by the clause's top-level `and`s: what an index can answer. */
function equalities(node: WhereNode): { field: string; value: string }[] {
  if (node.type === "and") return [...equalities(node.left), ...equalities(node.right)];
  return node.type === "compare" && node.op === "eq" && typeof node.value === "string"
    ? [{ field: node.field, value: node.value }]
    : [];
}

/** The in-memory X3 folder: one table per class, with the business rules the sandbox enforces on writes. */
export class SageX3Store {
  readonly #tables = new Map<SandboxClassName, Map<string, X3Record>>();
  /** Per class, the indexes of its `indexed` properties, kept on every put and remove. */
  readonly #indexes = new Map<SandboxClassName, Map<string, PropertyIndex>>();
  readonly #clock: SandboxClock;
  readonly #sequences = new Map<string, number>();
  readonly taxRate: number;

  constructor(clock: SandboxClock, taxRate = 0) {
    this.#clock = clock;
    this.taxRate = taxRate;
    for (const name of Object.keys(classModels) as SandboxClassName[]) {
      this.#tables.set(name, new Map());
      this.#indexes.set(name, new Map((classModels[name].indexed ?? []).map((field) => [field, new PropertyIndex()])));
    }
  }

  #indexesOf(className: SandboxClassName): Map<string, PropertyIndex> {
    return this.#indexes.get(className) ?? new Map();
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

  /**
   * The stored record itself, not a copy: for an answer that only reads it (a write stores a new record, never
   * changes a stored one, so the answer shows the version it read). Never change it.
   */
  peek(className: SandboxClassName, key: string): Readonly<X3Record> | undefined {
    return this.#table(className).get(key);
  }

  /** The product (ITMMASTER) of an order line: mandatory, and it must exist. */
  private lineProduct({ effective, fail }: LineToValidate): X3Record | undefined {
    if (isBlank(effective.ITMREF)) {
      fail("ITMREF", "ITMREF: mandatory field.");
      return undefined;
    }
    const product = this.get("ITMMASTER", String(effective.ITMREF));
    if (!product) fail("ITMREF", `Product ${String(effective.ITMREF)} does not exist.`);
    return product;
  }

  /** Every record of a class (copies), in key order; with a filter, only those it keeps (filtered before copying). */
  list(className: SandboxClassName, keep?: (record: Readonly<X3Record>) => boolean): X3Record[] {
    const records = [...this.#table(className).values()];
    return (keep ? records.filter(keep) : records).map(clone);
  }

  /**
   * The records a where clause keeps, as the stored records themselves, not copies (see `peek`; never change them):
   * from an index when the clause's top-level `and`s hold `FIELD eq 'text'` on an indexed property (the clause is
   * then checked on those candidates only), else by reading the whole class. A new array each call.
   */
  matching(className: SandboxClassName, where: WhereNode | undefined): Readonly<X3Record>[] {
    const table = this.#table(className);
    if (!where) return [...table.values()];
    const indexes = this.#indexesOf(className);
    const usable = equalities(where).find(({ field }) => indexes.has(field));
    if (!usable) return [...table.values()].filter((record) => evaluateWhere(where, record));
    const found: X3Record[] = [];
    for (const key of indexes.get(usable.field)?.candidates(usable.value) ?? []) {
      const record = table.get(key);
      if (record && evaluateWhere(where, record)) found.push(record);
    }
    return found;
  }

  /** Stores a record as is, stamping CREDATTIM (first time) and UPDDATTIM: what X3's supervisor does on every write. */
  put(className: SandboxClassName, record: X3Record): X3Record {
    const key = recordKey(className, record);
    const table = this.#table(className);
    const previous = table.get(key);
    const now = this.#clock.x3DateTime();
    const stored: X3Record = {
      ...clone(record),
      CREDATTIM: previous?.CREDATTIM ?? record.CREDATTIM ?? now,
      UPDDATTIM: now,
    };
    const collection = classModels[className].lines;
    // Every line row has its AUUID (X3's technical UUID column), shown to api1 callers as the line's `$uuid`.
    if (collection) for (const line of asArray(stored[collection])) line.AUUID ??= randomUUID();
    for (const [field, index] of this.#indexesOf(className)) {
      if (previous) index.remove(key, previous[field]);
      index.add(key, stored[field]);
    }
    table.set(key, stored);
    return clone(stored);
  }

  remove(className: SandboxClassName, key: string): boolean {
    const table = this.#table(className);
    const previous = table.get(key);
    if (!previous) return false;
    for (const [field, index] of this.#indexesOf(className)) index.remove(key, previous[field]);
    return table.delete(key);
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
    // Sage X3 sets an order's currency when the order is created (a sales order's while it is entered, where the
    // site's UPDCUR parameter allows it; a purchase order's "provided the order is not yet created"), never after.
    if (
      (className === "SORDER" || className === "PORDER") &&
      changes.CUR !== undefined &&
      changes.CUR !== current.CUR
    ) {
      throw new X3Refusal(400, [], {
        CUR: [{ $severity: "error", $message: "CUR: the currency of an existing order cannot be modified." }],
      });
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
      case "SINVOICE":
        // X3 corrects a posted invoice with a credit note; the invoice itself no longer changes.
        if (current.INVSTA === 3 || current.STA === 3) {
          throw new X3Refusal(400, [
            { $severity: "error", $message: `Invoice ${key} is posted: correct it with a credit note.` },
          ]);
        }
        return this.put(className, { ...current, ...stripMeta(changes) });
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
      const lines = applyChildLines(
        { collection: "SOHSOP", lineKey: "SOPLIN", done: "DLVQTY", doneWhat: "deliveries" },
        asArray(current?.SOHSOP),
        asArray(input.SOHSOP),
        checks,
        (validating) => {
          const { line, before, effective, fail } = validating;
          const delivered = Number(before?.DLVQTY ?? 0);
          const product = this.lineProduct(validating);
          if (before && delivered > 0 && effective.ITMREF !== before.ITMREF) {
            fail("ITMREF", `ITMREF: line ${String(before.SOPLIN)} has deliveries; its product cannot change.`);
          }
          if (typeof effective.QTY !== "number" || !Number.isFinite(effective.QTY) || effective.QTY < 0) {
            fail("QTY", "QTY: a quantity of zero or more is required.");
          } else if (effective.QTY < delivered) {
            fail("QTY", `QTY: ${effective.QTY} is less than the ${delivered} already delivered.`);
          }
          if (line.GROPRI !== undefined && (typeof line.GROPRI !== "number" || line.GROPRI < 0)) {
            fail("GROPRI", "GROPRI: invalid price.");
          }
          const gross = typeof effective.GROPRI === "number" ? effective.GROPRI : Number(product?.BASPRI ?? 0);
          const net = netPriceOf(validating, gross);
          return {
            ALLQTY: 0,
            DLVQTY: 0,
            INVQTY: 0,
            SOQSTA: 1,
            LINALLSTA: 1,
            ...effective,
            ITMDES1: effective.ITMDES1 ?? product?.ITMDES1,
            SAU: effective.SAU ?? product?.SAU,
            GROPRI: gross,
            NETPRI: net,
            DEMDLVDAT: effective.DEMDLVDAT ?? merged.DEMDLVDAT,
          };
        },
      );
      if (lines.length === 0) checks.field("SOHSOP", "SOHSOP: the order needs at least one line.");
      merged.SOHSOP = lines;
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
      const lines = applyChildLines(
        { collection: "POHPOP", lineKey: "POPLIN", done: "RCPQTYPUU", doneWhat: "receipts" },
        asArray(current?.POHPOP),
        asArray(input.POHPOP),
        checks,
        (validating) => {
          const { before, effective, fail } = validating;
          const received = Number(before?.RCPQTYPUU ?? 0);
          const product = this.lineProduct(validating);
          // The receiving site: where the goods are delivered, the order's site unless the line says otherwise.
          const receivingSite = isBlank(effective.PRHFCY) ? merged.POHFCY : effective.PRHFCY;
          if (!isBlank(receivingSite) && !this.get("FACILITY", String(receivingSite))) {
            fail("PRHFCY", `Site ${String(receivingSite)} does not exist.`);
          }
          const closing = Number(effective.LINSTA) === 3;
          if (typeof effective.QTYUOM !== "number" || (!closing && effective.QTYUOM <= 0)) {
            fail("QTYUOM", "QTYUOM: a positive quantity is required.");
          } else if (effective.QTYUOM < received) {
            fail("QTYUOM", `QTYUOM: ${effective.QTYUOM} is less than the ${received} already received.`);
          }
          const gross = typeof effective.GROPRI === "number" ? effective.GROPRI : 0;
          const net = netPriceOf(validating, gross);
          return {
            LINSTA: 1,
            ...effective,
            PRHFCY: receivingSite,
            ITMDES1: effective.ITMDES1 ?? product?.ITMDES1,
            UOM: effective.UOM ?? product?.PUU ?? product?.STU,
            GROPRI: gross,
            NETPRI: net,
            LINAMT: round2(net * Number(effective.QTYUOM ?? 0)),
          };
        },
      );
      if (lines.length === 0) checks.field("POHPOP", "POHPOP: the order needs at least one line.");
      merged.POHPOP = lines;
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
