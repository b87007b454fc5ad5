import { readdirSync, readFileSync } from "node:fs";
import { compiledCheckOf } from "@ml-connector/zod-check";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { type Order, orderSchema, validateRsx } from "../../src/index.js";
import { rsxDocumentSchemas } from "../../src/schemas/index.js";
import { toRsxIssues } from "../../src/validate/zod-issues.js";
import { documentArbitrary } from "../helpers/arbitraries.js";
import { fixturesDir, loadOrderFixtures } from "../helpers/fixtures.js";

const derivedDir = new URL("derived/", fixturesDir);

/** Broken 850s the compiled check must reject, each wrong in a different place (lines, header, the top level). */
const breakages: Record<string, (order: Order) => void> = {
  "a line quantity that is text": (order) => {
    const line = order.LineItem?.[0]?.OrderLine as Record<string, unknown> | undefined;
    if (line) line.OrderQty = "ten";
  },
  "an unknown header property": (order) => {
    (order.Header.OrderHeader as Record<string, unknown>).Colour = "red";
  },
  "the order header missing": (order) => {
    delete (order.Header as Partial<Order["Header"]>).OrderHeader;
  },
  "a date that is not a calendar date": (order) => {
    order.Header.OrderHeader.PurchaseOrderDate = "2026-02-30";
  },
};

describe("the compiled check and the runtime parser", () => {
  it("agree on every 850 fixture, and on each of them broken", () => {
    const fixtures = loadOrderFixtures();
    expect(fixtures.length).toBeGreaterThan(0);
    for (const { fileName, order } of fixtures) {
      expect(validateRsx("Order", order).ok, fileName).toBe(true);
      for (const [name, breakIt] of Object.entries(breakages)) {
        const broken = structuredClone(order);
        breakIt(broken);
        const runtime = orderSchema.safeParse(broken);
        expect(runtime.success, `${fileName}: ${name}`).toBe(false);
        const result = validateRsx("Order", broken, { codes: "strict" });
        expect(result.ok, `${fileName}: ${name}`).toBe(false);
        // The issues are the runtime parser's.
        expect(result.ok ? [] : result.issues, `${fileName}: ${name}`).toEqual(
          toRsxIssues(runtime.error?.issues ?? [], broken, orderSchema),
        );
      }
    }
  });
});

/**
 * The check of a document schema is generated in parts (compiled-check.ts) and the objects and arrays between them are
 * walked by hand. It must accept what the runtime parser accepts (or every document would be parsed twice) and never
 * accept what it refuses. Every fixture of each type, each changed at every place it can be: a key removed, a key
 * added, a value of the wrong kind, undefined, an object for an array.
 */
const schemaTypes = ["Order", "OrderChange", "OrderAck", "Invoice", "Shipment"] as const;

const REMOVED = Symbol("removed");

function* changedEverywhere(document: unknown): Generator<{ where: string; value: unknown }> {
  const places: (readonly PropertyKey[])[] = [];
  const walk = (value: unknown, path: readonly PropertyKey[]) => {
    places.push(path);
    if (value === null || typeof value !== "object") return;
    for (const [key, item] of Object.entries(value)) walk(item, [...path, Array.isArray(value) ? Number(key) : key]);
  };
  walk(document, []);
  const at = (root: unknown, path: readonly PropertyKey[]) =>
    path.reduce<unknown>((value, key) => (value as Record<PropertyKey, unknown>)[key], root);
  for (const path of places) {
    const where = path.join(".");
    const original = at(document, path);
    // What replaces the value (`removed`: the key or item is taken out).
    const changes: [string, unknown][] = [];
    if (path.length > 0) {
      changes.push(["removed", REMOVED], ["undefined", undefined], ["a number", 7], ["text", "7"], ["null", null]);
      if (Array.isArray(original)) changes.push(["an object", { ...original }]);
    }
    if (original !== null && typeof original === "object" && !Array.isArray(original)) {
      changes.push(["a key added", { ...original, Colour: "red" }]);
    }
    for (const [what, replacement] of changes) {
      if (path.length === 0) {
        yield { where: what, value: replacement };
        continue;
      }
      const changed = structuredClone(document);
      const parent = at(changed, path.slice(0, -1)) as Record<PropertyKey, unknown>;
      const key = path.at(-1) as PropertyKey;
      if (replacement !== REMOVED) parent[key] = structuredClone(replacement);
      else if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      yield { where: `${where}: ${what}`, value: changed };
    }
  }
}

/** An 856 with a level given a second kind of child level: refused by the level's refinement, not by its shape. */
function* secondChildLevel(document: unknown): Generator<{ where: string; value: unknown }> {
  const levels: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (value === null || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    if (!Array.isArray(value) && (record.PackLevel !== undefined || record.ItemLevel !== undefined)) levels.push(path);
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(document, []);
  for (const path of levels) {
    const changed = structuredClone(document);
    const level = path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], changed) as Record<
      string,
      unknown
    >;
    level[level.PackLevel === undefined ? "PackLevel" : "ItemLevel"] = [];
    yield { where: `${path.join(".")}: a second kind of child level`, value: changed };
  }
}

describe("the check generated in parts", () => {
  it("answers as the runtime parser on every fixture changed at every place, and on generated documents", () => {
    const documents: Record<(typeof schemaTypes)[number], unknown[]> = {
      Order: loadOrderFixtures().map((fixture) => fixture.order),
      OrderChange: fc.sample(documentArbitrary("OrderChange"), { numRuns: 3, seed: 860 }),
      OrderAck: readdirSync(derivedDir).filter((name) => name.startsWith("PR") && name.endsWith(".json")),
      Invoice: readdirSync(derivedDir).filter((name) => name.startsWith("IN") && name.endsWith(".json")),
      // Its schema is recursive (levels holding levels, each refined): checked through parts that refer to themselves.
      Shipment: readdirSync(derivedDir).filter((name) => name.startsWith("SH") && name.endsWith(".json")),
    };
    for (const type of ["OrderAck", "Invoice", "Shipment"] as const) {
      documents[type] = (documents[type] as string[]).map((name) =>
        JSON.parse(readFileSync(new URL(name, derivedDir), "utf8")),
      );
    }
    let compared = 0;
    let refused = 0;
    for (const type of schemaTypes) {
      const schema = rsxDocumentSchemas[type] as unknown as z.ZodType;
      const check = compiledCheckOf(schema as unknown as z.core.$ZodType);
      expect(check, type).toBeDefined();
      const generated = fc.sample(documentArbitrary(type), { numRuns: 8, seed: 810 });
      expect(documents[type].length, type).toBeGreaterThan(0);
      for (const document of [...documents[type], ...generated]) {
        expect(check?.(document), `${type}: unchanged`).toBe(true);
        const changes = [...changedEverywhere(document), ...(type === "Shipment" ? secondChildLevel(document) : [])];
        for (const { where, value } of changes) {
          const runtime = schema.safeParse(value).success;
          expect(check?.(value), `${type} ${where}`).toBe(runtime);
          compared += 1;
          if (!runtime) refused += 1;
        }
      }
    }
    // Enough places changed, most of them refused, some accepted (an optional value removed or undefined).
    expect(compared).toBeGreaterThan(5_000);
    expect(refused).toBeGreaterThan(compared / 2);
    expect(refused).toBeLessThan(compared);
  });
});
