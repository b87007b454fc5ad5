// The 860s of the chaos run: for a share of the POs, one or two OrderChange documents (a quantity change, a line
// added, a line deleted, a price change), drawn from the run's seed, and the order each PO must end as in X3.
import type { OrderChangeLineSpec, OrderLineSpec } from "@ml-connector/sandbox";
import { seededRandom } from "./random.js";

/** One 860 of a PO: its ChangeOrderSeqNumber and its line changes. */
export interface PlannedChange {
  sequence: string;
  lines: OrderChangeLineSpec[];
}

export interface ChangePlan {
  changes: PlannedChange[];
  /** Dropped in the mailbox with the 850s, before the order exists (the 860s must wait for it). */
  early: boolean;
}

/** An X3 order line as the retailer's last word has it. */
export interface ExpectedLine {
  sequence: string;
  item: string;
  qty: number;
  price: number;
}

const itemOf: Record<string, string> = { "WID-001": "WID-001", "WID-002": "WID-002", "012345678929": "GAD-100" };

/** The X3 item each sample line maps to (the sandbox's partner mappings). */
export const expectedItemOf = (line: OrderLineSpec) => itemOf[line.vendorPart ?? line.upc ?? ""] ?? "?";

/**
 * Which POs get 860s and which ones, the same for a seed: about one PO in eight (never one in `skip`), a first change
 * of one of four kinds, a second one for about a third of them, and a third of them sent before their 850 is processed.
 */
export function planOrderChanges(
  orders: number,
  seed: number,
  linesOf: (i: number) => OrderLineSpec[],
  skip: (i: number) => boolean,
): Map<number, ChangePlan> {
  const random = seededRandom(seed + 3);
  const plans = new Map<number, ChangePlan>();
  for (let i = 0; i < orders; i += 1) {
    const draw = random();
    const kind = Math.floor(random() * 4);
    const second = random() < 1 / 3;
    const early = random() < 1 / 3;
    if (draw >= 0.125 || skip(i)) continue;
    const lines = linesOf(i);
    const first: OrderChangeLineSpec[] = [
      [{ line: "1", change: "QI", qty: (lines[0]?.qty ?? 1) + 5 }],
      [{ line: String(lines.length + 1), change: "AI", upc: "012345678929", qty: 4, uom: "EA", price: 12 }],
      [{ line: "2", change: "DI" }],
      [{ line: "1", change: "PC", price: 4.75 }],
    ][kind] as OrderChangeLineSpec[];
    const changes: PlannedChange[] = [{ sequence: "1", lines: first }];
    if (second) changes.push({ sequence: "2", lines: [{ line: "1", change: "PQ", qty: 2 + (i % 9), price: 4.8 }] });
    plans.set(i, { changes, early });
  }
  return plans;
}

/** The order's lines after the 850 and its 860s in sequence order: what X3 must hold at the end, in this order. */
export function expectedLines(lines: OrderLineSpec[], changes: readonly PlannedChange[] = []): ExpectedLine[] {
  let result: ExpectedLine[] = lines.map((line, index) => ({
    sequence: String(index + 1),
    item: expectedItemOf(line),
    qty: line.qty ?? 1,
    price: line.price ?? 1,
  }));
  for (const change of changes) {
    for (const line of change.lines) {
      if (line.change === "AI") {
        result.push({ sequence: line.line, item: expectedItemOf(line), qty: line.qty ?? 1, price: line.price ?? 1 });
        continue;
      }
      if (line.change === "DI") {
        result = result.filter((l) => l.sequence !== line.line);
        continue;
      }
      result = result.map((l) =>
        l.sequence === line.line ? { ...l, qty: line.qty ?? l.qty, price: line.price ?? l.price } : l,
      );
    }
  }
  return result;
}
