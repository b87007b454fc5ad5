import { type Order, parseRsx } from "@ml-connector/rsx";
import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { createMemoryMappingStore, type MappingStore, mapOrder, type OrderMappingQuery } from "../../src/index.js";

const orderOf = (document: Record<string, unknown>): Order => {
  const parsed = parseRsx(bytesOf(document), { type: "Order" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.document as Order;
};

/** The store's reads one by one, as a store without readOrder answers them, each counted. */
function withoutReadOrder(store: MappingStore): { store: MappingStore; calls: string[] } {
  const calls: string[] = [];
  const { readOrder: _readOrder, ...rest } = store;
  const counted = Object.fromEntries(
    Object.entries(rest).map(([name, method]) => [
      name,
      (...args: unknown[]) => {
        calls.push(name);
        return (method as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as MappingStore;
  return { store: counted, calls };
}

describe("mapOrder's mapping reads", () => {
  const orders = [
    make850({ po: "R-1", department: "D12" }),
    make850({
      po: "R-2",
      shipTo: "9999",
      lines: [
        { vendorPart: "WID-001", qty: 2, uom: "CA" },
        { vendorPart: "NOPE", qty: 1, uom: "EA" },
        { upc: "012345678912", qty: 3, uom: "CA" },
      ],
    }),
    make850({ po: "R-3", partnerId: "NOBODY" }),
  ];

  it("are asked at once of a store that answers them together, and answer as one by one", async () => {
    const memory = createMemoryMappingStore();
    await memory.upsertMany(acmeMappings);
    const oneByOne = withoutReadOrder(memory);
    for (const document of orders) {
      const order = orderOf(document);
      expect(await mapOrder(order, memory)).toEqual(await mapOrder(order, oneByOne.store));
    }
    expect(oneByOne.calls).toContain("findItem");
    // With readOrder, no read of its own per line.
    const together = withoutReadOrder(memory);
    const asked: unknown[] = [];
    const store: MappingStore = {
      ...together.store,
      readOrder: (query: OrderMappingQuery) => {
        asked.push(query);
        return memory.readOrder!(query);
      },
    };
    const mapped = await mapOrder(orderOf(orders[1]!), store);
    expect(together.calls).toEqual([]);
    expect(asked).toEqual([
      {
        partnerId: "ACME",
        shipTo: "9999",
        lines: [
          { vendorPartNumber: "WID-001", buyerPartNumber: undefined, upc: undefined, gtin: undefined },
          { vendorPartNumber: "NOPE", buyerPartNumber: undefined, upc: undefined, gtin: undefined },
          { vendorPartNumber: undefined, buyerPartNumber: undefined, upc: "012345678912", gtin: undefined },
        ],
        units: ["CA", "EA"],
        department: undefined,
      },
    ]);
    expect(mapped.ok).toBe(false);
  });
});
