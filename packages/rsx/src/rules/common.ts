import type { z } from "zod";
import { rsxDocumentSchemas } from "../schemas/documents.js";
import type { RsxDocumentType } from "../schemas/index.js";
import { childPath, type PathSegment, type RsxPath } from "../validate/issues.js";
import { defineRuleSet, type RuleContext } from "./define.js";
import { hasValidGs1CheckDigit, isValidSscc } from "./gs1.js";

type Obj = Readonly<Record<string, unknown>>;

function obj(value: unknown): Obj | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : undefined;
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

const CENT = 0.01 + 1e-9;

/** The header object that carries the PO reference, per document type. */
function poHeaders(type: RsxDocumentType, document: Obj): Array<{ path: RsxPath; header: Obj | undefined }> {
  const header = obj(document.Header);
  switch (type) {
    case "OrderAck":
      return [{ path: "Header.OrderHeader", header: obj(header?.OrderHeader) }];
    case "Invoice":
      return [{ path: "Header.InvoiceHeader", header: obj(header?.InvoiceHeader) }];
    case "Shipment":
      return list(document.OrderLevel).map((level, i) => ({
        path: `OrderLevel[${i}].OrderHeader`,
        header: obj(obj(level)?.OrderHeader),
      }));
    default:
      return [];
  }
}

function echoRule(document: Obj, ctx: RuleContext): void {
  if (ctx.type === "Order" || ctx.type === "OrderChange") return;
  const orderHeader = obj(obj(ctx.related.order?.Header)?.OrderHeader);
  const headers = poHeaders(ctx.type, document);
  if (ctx.type === "Shipment" && headers.length === 0) {
    ctx.report("OrderLevel", "echo_missing", "A ship notice needs an OrderLevel per purchase order it ships: add one.");
  }
  for (const { path, header } of headers) {
    for (const field of ["PurchaseOrderNumber", "PurchaseOrderDate"] as const) {
      const value = header?.[field];
      const fieldPath = childPath(path, field);
      if (value === undefined || value === "") {
        ctx.report(
          fieldPath,
          "echo_missing",
          `${fieldPath} must echo the purchase order's ${field} from the 850: add it.`,
        );
      } else if (
        orderHeader &&
        orderHeader[field] !== undefined &&
        orderHeader[field] !== value &&
        ctx.type !== "Shipment"
      ) {
        ctx.report(
          fieldPath,
          "echo_mismatch",
          `${fieldPath} is ${JSON.stringify(value)} but the 850 says ${JSON.stringify(orderHeader[field])}: echo it unchanged.`,
        );
      }
    }
  }
}

function hasParty(addresses: unknown, code: string): boolean {
  return list(addresses).some((a) => obj(a)?.AddressTypeCode === code);
}

function shipmentPartiesRule(document: Obj, ctx: RuleContext): void {
  if (ctx.type !== "Shipment") return;
  const headerAddresses = obj(document.Header)?.Address;
  const levels = list(document.OrderLevel);
  for (const [code, label] of [
    ["SF", "ship-from"],
    ["ST", "ship-to"],
  ] as const) {
    if (hasParty(headerAddresses, code)) continue;
    if (levels.length > 0 && levels.every((l) => hasParty(obj(l)?.Address, code))) continue;
    ctx.report(
      "Header.Address",
      "party_missing",
      `A ship notice needs a ${label} address: add an entry with AddressTypeCode "${code}" to Header.Address (or to every OrderLevel).`,
    );
  }
}

function forEachPack(levels: readonly unknown[], path: RsxPath, visit: (pack: Obj, path: RsxPath) => void): void {
  levels.forEach((level, i) => {
    const levelPath = `${path}[${i}]`;
    const o = obj(level);
    if (!o) return;
    const pack = obj(o.Pack);
    if (pack) visit(pack, `${levelPath}.Pack`);
    forEachPack(list(o.PackLevel), `${levelPath}.PackLevel`, visit);
  });
}

function ssccRule(document: Obj, ctx: RuleContext): void {
  if (ctx.type !== "Shipment") return;
  const check = (pack: Obj, path: RsxPath): void => {
    const id = pack.ShippingSerialID;
    if (typeof id !== "string") return;
    const at = `${path}.ShippingSerialID`;
    if (!/^00\d{18}$/.test(id)) {
      ctx.report(
        at,
        "check_digit",
        `${at} must be "00" followed by an 18-digit SSCC (20 digits); got ${JSON.stringify(id)}.`,
      );
    } else if (!isValidSscc(id)) {
      ctx.report(at, "check_digit", `${at} (${id}) has a wrong SSCC-18 check digit: rebuild it with sscc18().`);
    }
  };
  forEachPack(list(document.PackLevel), "PackLevel", check);
  list(document.OrderLevel).forEach((level, i) => {
    forEachPack(list(obj(level)?.PackLevel), `OrderLevel[${i}].PackLevel`, check);
  });
}

const GTIN_FIELDS: Readonly<Record<string, readonly number[]>> = {
  GTIN: [8, 12, 13, 14],
  ConsumerPackageCode: [12],
  EAN: [8, 13],
  UPCCaseCode: [12, 14],
};

/** What the field walk found: GTIN-like codes and quantities, reported by two rules at their places in the set. */
interface FieldFindings {
  readonly codes: { path: RsxPath; message: string }[];
  readonly quantities: { path: RsxPath; message: string }[];
}

/**
 * Where the field walk goes in a document of one type: for each key of an object, the plan for its value. A key
 * that is not in the map cannot hold a code or a quantity field at any depth (the schema says so, and the rules run on
 * documents that passed it: every object is strict); `EVERY_FIELD` walks all (below an object that keeps unknown
 * keys, a recursive or an unusual schema).
 */
type FieldPlan = ReadonlyMap<string, FieldPlan> | typeof EVERY_FIELD;

const EVERY_FIELD = "every field";
/** The plan of a code or quantity field itself: a string or number is checked; nothing below it is walked. */
const FIELD_ITSELF: FieldPlan = new Map();
const LEAF_KINDS = new Set(["string", "number", "boolean", "enum", "literal", "null", "undefined", "never", "nan"]);

function mergedPlan(a: FieldPlan | undefined, b: FieldPlan | undefined): FieldPlan | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a === EVERY_FIELD || b === EVERY_FIELD) return EVERY_FIELD;
  const merged = new Map(a);
  for (const [key, plan] of b) merged.set(key, mergedPlan(merged.get(key), plan) as FieldPlan);
  return merged;
}

/** The plan of a value of `schema` (an array's entries share one), or undefined when it holds no field to check. */
function planOf(schema: z.core.$ZodType, within: Set<z.core.$ZodType>): FieldPlan | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  if (LEAF_KINDS.has(def.type)) return undefined;
  if (within.has(schema)) return EVERY_FIELD;
  within.add(schema);
  try {
    switch (def.type) {
      case "optional":
      case "nullable":
      case "readonly":
        return planOf(def.innerType as z.core.$ZodType, within);
      case "array":
        return planOf(def.element as z.core.$ZodType, within);
      case "union": {
        let plan: FieldPlan | undefined;
        for (const option of def.options as z.core.$ZodType[]) plan = mergedPlan(plan, planOf(option, within));
        return plan;
      }
      case "object": {
        if ((def.catchall as z.core.$ZodType | undefined)?._zod.def.type !== "never") return EVERY_FIELD;
        const plan = new Map<string, FieldPlan>();
        for (const [key, property] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
          const below = planOf(property, within);
          const field = Object.hasOwn(GTIN_FIELDS, key) || QUANTITY_FIELDS.has(key);
          if (field && below !== undefined) plan.set(key, EVERY_FIELD);
          else if (field) plan.set(key, FIELD_ITSELF);
          else if (below !== undefined) plan.set(key, below);
        }
        return plan.size === 0 ? undefined : plan;
      }
      default:
        return EVERY_FIELD;
    }
  } finally {
    within.delete(schema);
  }
}

const fieldPlans = new Map<RsxDocumentType, FieldPlan>();

/** The field walk's plan for a document type, made from its schema on first use. */
function fieldPlanOf(type: RsxDocumentType): FieldPlan {
  let plan = fieldPlans.get(type);
  if (plan === undefined) {
    plan = planOf(rsxDocumentSchemas[type] as unknown as z.core.$ZodType, new Set()) ?? FIELD_ITSELF;
    fieldPlans.set(type, plan);
  }
  return plan;
}

/**
 * One walk over the fields of the document for both the code rule and the quantity rule (each visited every field
 * on its own), into the groups that can hold such a field only (`plan`: an 850's header holds none). The walk keeps
 * the segments of where it is, in place, and writes a path only for a field it reports: nothing is allocated per
 * object or per array element of a document with nothing to report.
 */
function walkFields(value: unknown, plan: FieldPlan, at: PathSegment[], found: FieldFindings, depth: number): void {
  if (depth > 40) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const entry: unknown = value[i];
      if (entry !== null && typeof entry === "object") {
        at.push(i);
        walkFields(entry, plan, at, found, depth + 1);
        at.pop();
      }
    }
    return;
  }
  const o = obj(value);
  if (!o) return;
  // The own keys in Object.keys's order, without its array.
  for (const key in o) {
    if (!Object.hasOwn(o, key)) continue;
    const below = plan === EVERY_FIELD ? EVERY_FIELD : plan.get(key);
    if (below === undefined) continue;
    const child = o[key];
    if (typeof child === "string") {
      const lengths = GTIN_FIELDS[key];
      if (lengths === undefined) continue;
      if (!/^\d+$/.test(child) || !lengths.includes(child.length)) {
        const path = pathOf(at, key);
        found.codes.push({
          path,
          message: `${path} must be ${lengths.join(", ")} digits; got ${JSON.stringify(child)}.`,
        });
      } else if (!hasValidGs1CheckDigit(child)) {
        const path = pathOf(at, key);
        found.codes.push({
          path,
          message: `${path} (${child}) has a wrong check digit: the last digit should be ${expected(child)}.`,
        });
      }
    } else if (typeof child === "number") {
      if (QUANTITY_FIELDS.has(key) && !(child > 0)) {
        const path = pathOf(at, key);
        found.quantities.push({ path, message: `${path} must be greater than 0; got ${child}.` });
      }
    } else if (child !== null && typeof child === "object") {
      at.push(key);
      walkFields(child, below, at, found, depth + 1);
      at.pop();
    }
  }
}

/** The path of `key` under the segments `at`. */
function pathOf(at: readonly PathSegment[], key: PathSegment): RsxPath {
  let path: RsxPath = "";
  for (const segment of at) path = childPath(path, segment);
  return childPath(path, key);
}

/**
 * One walk over the document's fields finds both bad codes and non-positive quantities; they are reported in the
 * set's order (codes, then line count and totals, then quantities), so the walk is shared inside one rule.
 */
function fieldsAndTotalsRule(document: unknown, ctx: RuleContext): void {
  const found: FieldFindings = { codes: [], quantities: [] };
  walkFields(document, fieldPlanOf(ctx.type), [], found, 0);
  for (const finding of found.codes) ctx.report(finding.path, "check_digit", finding.message);
  lineCountRule(document as Obj, ctx);
  totalsRule(document as Obj, ctx);
  for (const finding of found.quantities) ctx.report(finding.path, "not_positive", finding.message);
}

function expected(code: string): string {
  let sum = 0;
  const payload = code.slice(0, -1);
  for (let i = payload.length - 1, w = 3; i >= 0; i--, w = w === 3 ? 1 : 3) sum += (payload.charCodeAt(i) - 48) * w;
  return String((10 - (sum % 10)) % 10);
}

function lineGroupName(type: RsxDocumentType): string | undefined {
  switch (type) {
    case "Order":
    case "OrderAck":
    case "OrderChange":
      return "OrderLine";
    case "Invoice":
      return "InvoiceLine";
    default:
      return undefined;
  }
}

function countItemLevels(levels: readonly unknown[]): number {
  let n = 0;
  for (const level of levels) {
    const o = obj(level);
    if (!o) continue;
    n += list(o.ItemLevel).length;
    n += countItemLevels(list(o.PackLevel));
    n += countItemLevels(list(o.OrderLevel));
  }
  return n;
}

function lineCountRule(document: Obj, ctx: RuleContext): void {
  const declared = num(obj(document.Summary)?.TotalLineItemNumber);
  if (declared === undefined) return;
  const actual =
    ctx.type === "Shipment"
      ? countItemLevels([
          { OrderLevel: document.OrderLevel, PackLevel: document.PackLevel, ItemLevel: document.ItemLevel },
        ])
      : list(document.LineItem).length;
  if (declared !== actual) {
    ctx.report(
      "Summary.TotalLineItemNumber",
      "line_count",
      `Summary.TotalLineItemNumber is ${declared} but the document has ${actual} ${ctx.type === "Shipment" ? "item levels" : "line items"}: set it to ${actual}.`,
    );
  }
}

function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/** Line amount: ExtendedItemTotal, else quantity x price; undefined when neither is known. */
function lineAmount(line: Obj, type: RsxDocumentType): number | undefined {
  const extended = num(line.ExtendedItemTotal);
  if (extended !== undefined) return extended;
  const qty = num(type === "Invoice" ? line.InvoiceQty : line.OrderQty);
  const price = num(line.PurchasePrice);
  return qty !== undefined && price !== undefined ? qty * price : undefined;
}

function chargesNet(groups: unknown): number {
  let net = 0;
  for (const entry of list(groups)) {
    const o = obj(entry);
    const amount = num(o?.AllowChrgAmt);
    if (!o || amount === undefined) continue;
    if (o.AllowChrgIndicator === "C") net += amount;
    else if (o.AllowChrgIndicator === "A") net -= amount;
  }
  return net;
}

function taxesTotal(groups: unknown): number {
  let total = 0;
  for (const entry of list(groups)) total += num(obj(entry)?.TaxAmount) ?? 0;
  return total;
}

function totalsRule(document: Obj, ctx: RuleContext): void {
  const group = lineGroupName(ctx.type);
  if (!group) return;
  let sum = 0;
  let complete = true;
  const items = list(document.LineItem);
  const qtyKey = ctx.type === "Invoice" ? "InvoiceQty" : "OrderQty";
  for (let i = 0; i < items.length; i++) {
    if (!(i in items)) continue; // a hole, as forEach skipped it
    const line = obj(obj(items[i])?.[group]);
    if (!line) {
      complete = false;
      continue;
    }
    const qty = num(line[qtyKey]);
    const price = num(line.PurchasePrice);
    const extended = num(line.ExtendedItemTotal);
    if (qty !== undefined && price !== undefined && extended !== undefined && Math.abs(qty * price - extended) > CENT) {
      const at = `LineItem[${i}].${group}.ExtendedItemTotal`;
      ctx.report(
        at,
        "total_mismatch",
        `${at} is ${extended} but ${qtyKey} x PurchasePrice is ${round2(qty * price)}: fix one of them.`,
      );
    }
    const amount = lineAmount(line, ctx.type);
    if (amount === undefined) complete = false;
    else sum += amount;
  }
  if (!complete) return;
  const summary = obj(document.Summary);
  const header = obj(document.Header);
  const net = chargesNet(header?.ChargesAllowances);
  const taxes = ctx.type === "Invoice" ? taxesTotal(header?.Taxes) : 0;
  const total = num(summary?.TotalAmount);
  if (total !== undefined && Math.abs(total - (sum + net + taxes)) > CENT) {
    const parts = [`lines ${round2(sum)}`];
    if (net !== 0) parts.push(`charges/allowances ${round2(net)}`);
    if (taxes !== 0) parts.push(`taxes ${round2(taxes)}`);
    ctx.report(
      "Summary.TotalAmount",
      "total_mismatch",
      `Summary.TotalAmount is ${total} but ${parts.join(" + ")} make ${round2(sum + net + taxes)}: they must agree within a cent.`,
    );
  }
  const sales = num(summary?.TotalSalesAmount);
  if (ctx.type === "Invoice" && sales !== undefined && Math.abs(sales - sum) > CENT) {
    ctx.report(
      "Summary.TotalSalesAmount",
      "total_mismatch",
      `Summary.TotalSalesAmount is ${sales} but the line amounts add up to ${round2(sum)}: they must agree within a cent.`,
    );
  }
}

const QUANTITY_FIELDS = new Set(["OrderQty", "ShipQty", "InvoiceQty", "ItemScheduleQty"]);

/**
 * What retailers commonly require on top of SPS's schemas:
 * - 855/856/810 echo the 850's PurchaseOrderNumber and PurchaseOrderDate (and match it when the 850 is given as `related.order`);
 * - an 856 has ship-from (SF) and ship-to (ST) addresses;
 * - pack IDs (ShippingSerialID) are "00" + an SSCC-18 with a correct check digit;
 * - GTIN, UPC (ConsumerPackageCode, UPCCaseCode) and EAN carry correct check digits;
 * - Summary.TotalLineItemNumber equals the number of lines (item levels on an 856);
 * - ExtendedItemTotal = quantity x price, and Summary totals = sum of line amounts (+ charges - allowances, + taxes on an 810), within a cent;
 * - quantities (OrderQty, ShipQty, InvoiceQty, ItemScheduleQty) are greater than 0.
 */
export const commonRules = defineRuleSet({
  name: "common",
  custom: [
    (document, ctx) => echoRule(document as Obj, ctx),
    (document, ctx) => shipmentPartiesRule(document as Obj, ctx),
    (document, ctx) => ssccRule(document as Obj, ctx),
    fieldsAndTotalsRule,
  ],
});
