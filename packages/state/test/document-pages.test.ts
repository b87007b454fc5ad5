import { describe, expect, it } from "vitest";
import { type AuditStore, createMemoryStores, documentPages } from "../src/index.js";

async function withDocuments(count: number): Promise<AuditStore> {
  const { audit } = createMemoryStores();
  for (let i = 1; i <= count; i++) {
    await audit.recordDocument({
      direction: "in",
      type: "850",
      partnerId: "ACME",
      naturalKey: `850:ACME:PO${i}`,
      status: i % 2 === 0 ? "rejected" : "received",
    });
  }
  return audit;
}

describe("documentPages", () => {
  it("reads every page of a query in order, following the cursor", async () => {
    const audit = await withDocuments(7);
    const pages: string[][] = [];
    for await (const page of documentPages(audit, { order: "asc", limit: 3 })) {
      pages.push(page.map((document) => document.naturalKey));
    }
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(Array.from({ length: 7 }, (_, i) => `850:ACME:PO${i + 1}`));
  });

  it("keeps the query's filters on every page, and reads no page after the loop is left", async () => {
    const audit = await withDocuments(9);
    let reads = 0;
    const counting = {
      findDocuments: (query: Parameters<AuditStore["findDocuments"]>[0]) => {
        reads += 1;
        return audit.findDocuments(query);
      },
    };
    const rejected: number[] = [];
    for await (const page of documentPages(counting, { status: "rejected", order: "asc", limit: 2 })) {
      rejected.push(page.length);
      if (rejected.length === 1) break;
    }
    expect(rejected).toEqual([2]);
    expect(reads).toBe(1);
    let all = 0;
    for await (const page of documentPages(audit, { status: "rejected", limit: 2 })) all += page.length;
    expect(all).toBe(4);
  });
});
