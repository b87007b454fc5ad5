import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { badCases, goodCases } from "./support/corpus.js";
import { type Systems, sandboxMappings, startSystems } from "./support/systems.js";

// The whole orders-in flow (SPS sandbox → connector → Sage X3 sandbox, over HTTP), not only the parser: one mailbox
// holds every bad file of the corpus and good orders among them, and one run must settle all of them.

const mappings = {
  ...sandboxMappings,
  // Mapped to an item X3 does not have: the mapping passes, X3 refuses the order.
  items: [...sandboxMappings.items, { kind: "upc" as const, value: "012345678943", itemRef: "GHOST-1" }],
};

const bad = badCases();
const good = goodCases(10);
let systems: Systems;
let outcomes: Record<string, number | undefined>;

beforeAll(async () => {
  systems = await startSystems({ connector: { mappings } });
  for (const file of [...bad, ...good]) systems.sps.mailbox.putOutbound(file.fileName, file.content);
  const summary = await systems.connector.runOnce("orders-in");
  expect(summary.error).toBeUndefined();
  outcomes = summary.outcomes as Record<string, number | undefined>;
}, 120_000);

afterAll(async () => {
  await systems?.close();
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("bad-input corpus through the whole orders-in flow", () => {
  it("holds at least 50 bad files, all with distinct names", () => {
    expect(bad.filter((c) => c.expected.status !== "created").length).toBeGreaterThanOrEqual(50);
    expect(new Set([...bad, ...good].map((c) => c.fileName)).size).toBe(bad.length + good.length);
  });

  it("settles every file in one run: only what is not an 850 (parked) left in out/, one audit document per file with its raw bytes", async () => {
    const parked = bad.filter((c) => c.expected.status === "parked").map((c) => `out/${c.fileName}`);
    expect(parked.length).toBeGreaterThan(0);
    expect(systems.sps.mailbox.paths("out")).toEqual(parked.sort());
    const settled = Object.values(outcomes).reduce<number>((sum, n) => sum + (n ?? 0), 0);
    expect(settled).toBe(bad.length + good.length);
    for (const file of [...bad, ...good]) {
      const { items } = await systems.stores.audit.findDocuments({ fileName: file.fileName });
      expect(items, file.fileName).toHaveLength(1);
      const doc = items[0];
      expect(doc?.payloadSha256, file.fileName).toBe(sha256(file.content));
      const payload = await systems.stores.audit.getPayload(doc?.id ?? "");
      expect(payload && sha256(payload), file.fileName).toBe(sha256(file.content));
    }
  });

  it.each(bad.map((c) => [c.name, c] as const))("%s", async (_name, file) => {
    const { items } = await systems.stores.audit.findDocuments({ fileName: file.fileName });
    const doc = items[0];
    expect(doc?.status).toBe(file.expected.status);
    if (file.expected.code) {
      const reasons = doc?.reasons ?? [];
      const match = reasons.find(
        (r) => r.code === file.expected.code && (file.expected.path === undefined || r.path === file.expected.path),
      );
      expect(match, JSON.stringify(reasons)).toBeDefined();
      for (const reason of reasons) expect(reason.message.length).toBeGreaterThan(10);
    }
    if (file.expected.status === "rejected") expect(doc?.x3Key).toBeUndefined();
  });

  it("creates every good order in X3 exactly once, with its lines", () => {
    const orders = systems.x3.data.list("SORDER") as unknown as { CUSORDREF: string; SOHSOP?: unknown[] }[];
    const createdBad = bad.filter((c) => c.expected.status === "created").length;
    expect(orders).toHaveLength(good.length + createdBad);
    for (const file of good) {
      const matches = orders.filter((o) => o.CUSORDREF === file.po);
      expect(matches, file.po).toHaveLength(1);
    }
    expect(systems.x3.counters.get(systems.x3.routes.create)).toBeGreaterThanOrEqual(good.length);
  });

  it("replays a rejected order once its mapping is fixed", async () => {
    const [unknown] = (
      await systems.stores.audit.findDocuments({
        fileName: bad.find((c) => c.name === "an unknown item")?.fileName ?? "",
      })
    ).items;
    await systems.stores.mappings.upsertItem({ kind: "vendorPartNumber", value: "MYSTERY-9", itemRef: "WID-002" });
    const replayed = await systems.connector.replay(unknown?.id ?? "");
    expect(replayed.outcome).toBe("created");
  });
});
