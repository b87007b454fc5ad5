/**
 * How a whole-order change (05 replace, 860) becomes ONE api1 `$edit` that X3 applies exactly.
 *
 * api1 applies a child collection line by line: a line sent with its `$uuid` (or its line number) updates that
 * line with the properties sent, a line with neither is appended, a line marked `$isDeleted: true` is removed, and
 * lines the payload does not mention stay as they are. Sending the wanted line array as is would therefore append
 * every line a second time. So the edit is computed from the order as X3 has it now: lines kept, changed (only the
 * properties that differ), added, removed, or closed when X3 already delivered (received) part of them.
 */

type Line = Record<string, unknown>;

/** The field names of one kind of order line. */
export interface X3LineFields {
  /** The child collection: SOHSOP / POHPOP. */
  collection: string;
  /** The line number: SOPLIN / POPLIN. */
  lineNumber: string;
  /** The ordered quantity: QTY / QTYUOM. */
  quantity: string;
  /** What X3 already delivered or received on the line: DLVQTY / RCPQTYPUU. */
  done: string;
  /** The line status (3 = closed): SOQSTA / LINSTA. */
  status: string;
}

export const salesLineFields: X3LineFields = {
  collection: "SOHSOP",
  lineNumber: "SOPLIN",
  quantity: "QTY",
  done: "DLVQTY",
  status: "SOQSTA",
};

export const purchaseLineFields: X3LineFields = {
  collection: "POHPOP",
  lineNumber: "POPLIN",
  quantity: "QTYUOM",
  done: "RCPQTYPUU",
  status: "LINSTA",
};

const closedStatus = 3;

/**
 * Line fields the connector itself writes or reads on X3 order lines (sales and purchase): the field that keeps the
 * retailer's line number (`sourceLineField`) must be another one, or it would overwrite a quantity, a price, a status.
 */
const connectorLineFields: ReadonlySet<string> = new Set([
  ...Object.values(salesLineFields),
  ...Object.values(purchaseLineFields),
  ...["ITMREF", "ITMREFBPC", "ITMDES1", "SAU", "UOM", "GROPRI", "NETPRI", "DEMDLVDAT", "SHIDAT", "EXTRCPDAT"],
  ...["PRHFCY", "ALLQTY", "INVQTY", "LINALLSTA", "LINAMT", "AUUID"],
]);

/** Why `field` cannot keep the retailer's line number on X3 order lines, or undefined when it can. */
export function sourceLineFieldProblem(field: string): string | undefined {
  if (!/^[A-Z][A-Z0-9_]{0,29}$/.test(field)) {
    return `"${field}" is not an X3 field code (capital letters, digits and _, starting with a letter, e.g. ZSRCLIN).`;
  }
  if (connectorLineFields.has(field)) {
    return `${field} is a line field the connector writes or reads itself: name the field your installation added for the retailer's line number (e.g. ZSRCLIN).`;
  }
  return undefined;
}

/** One wanted line: the properties to send for it, and the retailer's line number it comes from. */
export interface WantedLine {
  sourceLine: string;
  properties: Line;
}

export interface X3LineEdit {
  /** The child collection to send (empty when nothing changes). */
  lines: Line[];
  kept: number;
  changed: number;
  added: number;
  removed: number;
  closed: number;
  /** Lines the edit would take back from what X3 delivered, with `delivered: "refuse"` (then nothing is sent). */
  refused: { lineNumber: unknown; itemRef: unknown; done: number; wanted: number }[];
}

export interface PlanLineEditOptions {
  /** The X3 line field that keeps the retailer's line number, when this installation has one. */
  sourceLineField?: string | undefined;
  /** A delivered (received) line removed or cut below what left: `close` it (default) or `refuse` it. */
  delivered?: "close" | "refuse" | undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" || typeof b === "number") return Number(a) === Number(b);
  return (a ?? "") === (b ?? "");
}

function identity(line: Line, fields: X3LineFields): Line {
  return {
    ...(typeof line.$uuid === "string" ? { $uuid: line.$uuid } : {}),
    [fields.lineNumber]: line[fields.lineNumber],
  };
}

/**
 * The line collection of the `$edit` that turns `current` (the order's lines as X3 read them, with `$uuid`s) into
 * `wanted`. Lines pair up by the retailer's line number when X3 keeps it (`sourceLineField`), else by item in order;
 * closed lines are left alone. Idempotent: planning again against the edited order gives an empty edit.
 */
export function planLineEdit(
  current: readonly Line[],
  wanted: readonly WantedLine[],
  fields: X3LineFields,
  options: PlanLineEditOptions = {},
): X3LineEdit {
  const open = current.filter((line) => Number(line[fields.status] ?? 1) !== closedStatus);
  const pairs = new Map<WantedLine, Line>();
  const taken = new Set<Line>();
  const pair = (match: (line: Line, want: WantedLine) => boolean) => {
    for (const want of wanted) {
      if (pairs.has(want)) continue;
      const found = open.find((line) => !taken.has(line) && match(line, want));
      if (found) {
        pairs.set(want, found);
        taken.add(found);
      }
    }
  };
  const sourceField = options.sourceLineField;
  if (sourceField) pair((line, want) => String(line[sourceField] ?? "") === want.sourceLine);
  pair((line, want) => line.ITMREF === want.properties.ITMREF);

  const edit: X3LineEdit = { lines: [], kept: 0, changed: 0, added: 0, removed: 0, closed: 0, refused: [] };
  const refuse = options.delivered === "refuse";
  const done = (line: Line) => Number(line[fields.done] ?? 0);
  for (const want of wanted) {
    const line = pairs.get(want);
    if (!line) {
      edit.lines.push({ ...want.properties });
      edit.added += 1;
      continue;
    }
    const changes = Object.fromEntries(
      Object.entries(want.properties).filter(([field, value]) => !sameValue(line[field], value)),
    );
    if (Object.keys(changes).length === 0) {
      edit.kept += 1;
      continue;
    }
    const wantedQuantity = Number(want.properties[fields.quantity] ?? line[fields.quantity]);
    if (refuse && done(line) > 0 && wantedQuantity < done(line)) {
      edit.refused.push({
        lineNumber: line[fields.lineNumber],
        itemRef: line.ITMREF,
        done: done(line),
        wanted: wantedQuantity,
      });
    }
    edit.lines.push({ ...identity(line, fields), ...changes });
    edit.changed += 1;
  }
  for (const line of open) {
    if (taken.has(line)) continue;
    if (refuse && done(line) > 0) {
      edit.refused.push({ lineNumber: line[fields.lineNumber], itemRef: line.ITMREF, done: done(line), wanted: 0 });
    } else if (done(line) > 0) {
      // Part of it left already: X3 refuses to delete such a line; closing it keeps what was delivered.
      edit.lines.push({ ...identity(line, fields), [fields.status]: closedStatus });
      edit.closed += 1;
    } else {
      edit.lines.push({ ...identity(line, fields), $isDeleted: true });
      edit.removed += 1;
    }
  }
  return edit;
}

/** Whether an X3 refusal says a line we addressed by `$uuid` is gone: someone edited the order meanwhile. */
export function isStaleLineRefusal(diagnoses: readonly { field?: string | undefined }[]): boolean {
  return diagnoses.some((diagnosis) => diagnosis.field?.endsWith(".$uuid") === true);
}
