import { describe, expect, it } from "vitest";
import { createSandboxClock } from "../../src/sage-x3/clock.js";
import type { X3Record } from "../../src/sage-x3/model.js";
import { SageX3Store } from "../../src/sage-x3/store.js";
import { evaluateWhere, parseWhere } from "../../src/sage-x3/where.js";

/** A small deterministic generator, so a failure reproduces. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const keys = (records: X3Record[]) => records.map((record) => String(record.SOHNUM)).sort();

describe("Sage X3 sandbox: natural-key lookups by index", () => {
  it("answers every where clause as a scan of the whole class would, through creates, updates and removals", () => {
    const store = new SageX3Store(createSandboxClock(Date.parse("2026-11-28T10:00:00Z")));
    const random = randomSource(3);
    // Stored as is (put), so the references can be numbers, numeric strings, missing or shared by two orders.
    const reference = (index: number): unknown => {
      const pick = random();
      if (pick < 0.05) return undefined;
      if (pick < 0.1) return index % 50;
      return `PO${index % 4_000}`;
    };
    for (let index = 0; index < 5_000; index++) {
      store.put("SORDER", {
        SOHNUM: `SO${String(index).padStart(7, "0")}`,
        BPCORD: index % 3 === 0 ? "C0001" : "C0002",
        CUSORDREF: reference(index),
      });
    }
    for (let index = 0; index < 1_000; index++) {
      const number = `SO${String(Math.floor(random() * 5_000)).padStart(7, "0")}`;
      if (random() < 0.3) store.remove("SORDER", number);
      else if (store.get("SORDER", number))
        store.put("SORDER", { ...store.get("SORDER", number), CUSORDREF: reference(index) });
    }
    const clauses = [
      "BPCORD eq 'C0001' and CUSORDREF eq 'PO12'",
      "CUSORDREF eq 'PO3999'",
      "CUSORDREF eq '7'",
      "CUSORDREF eq 'PO-none'",
      "(CUSORDREF eq 'PO12' and BPCORD eq 'C0002')",
      "CUSORDREF eq 'PO12' or CUSORDREF eq 'PO13'",
      "CUSORDREF ne 'PO12' and BPCORD eq 'C0001'",
      "CUSORDREF eq 7",
    ];
    for (const text of clauses) {
      const where = parseWhere(text);
      const scanned = store.list("SORDER", (record) => evaluateWhere(where, record));
      expect({ text, keys: keys(store.matching("SORDER", where)) }).toEqual({ text, keys: keys(scanned) });
    }
    // The lookup the connector makes finds what it should: the shared reference, the numeric one, none after removal.
    const shared = store.matching("SORDER", parseWhere("CUSORDREF eq 'PO10'"));
    expect(shared.length).toBeGreaterThan(0);
    expect(
      store.matching("SORDER", parseWhere("CUSORDREF eq '7'")).every((record) => Number(record.CUSORDREF) === 7),
    ).toBe(true);
    for (const record of shared) store.remove("SORDER", String(record.SOHNUM));
    const numericTen = store.list("SORDER", (record) => record.CUSORDREF === "PO10");
    expect(numericTen).toEqual([]);
    expect(store.matching("SORDER", parseWhere("CUSORDREF eq 'PO10'"))).toEqual([]);
  });
});
