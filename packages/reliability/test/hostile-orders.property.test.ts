import { bytesOf, make850 } from "@ml-connector/sandbox";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startSystems } from "./support/systems.js";

// Random hostile 850s mixed with good ones, through the real orders-in flow over HTTP (SPS sandbox → connector →
// Sage X3 sandbox): every good PO is created exactly once in the same run, every hostile file ends rejected with a
// reason (a re-sent good PO ends `duplicate`), nothing is left in progress, and the next run starts cleanly.

type Hostile = { kind: "rejected"; po: string } | { kind: "resent"; index: number };

const controlCharacter = fc
  .integer({ min: 0, max: 0x9f })
  .filter((code) => code < 0x20 || code >= 0x7f)
  .map((code) => `PO${String.fromCharCode(code)}1`);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => `P${String.fromCharCode(code)}`);
const blank = fc.constantFrom("", " ", "   ");
const overLong = fc.integer({ min: 23, max: 1000 }).map((length) => "L".repeat(length));
const spaced = fc.stringMatching(/^[A-Z0-9]{1,8}$/).map((po) => ` ${po} `);

const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  fc.oneof(controlCharacter, loneSurrogate, blank, overLong, spaced).map((po) => ({ kind: "rejected" as const, po })),
  fc.nat({ max: 4 }).map((index) => ({ kind: "resent" as const, index })),
);

const scenario = fc.record({
  good: fc.uniqueArray(
    fc.stringMatching(/^[A-Z0-9]{1,10}$/).map((id) => `G${id}`),
    { minLength: 1, maxLength: 5 },
  ),
  hostile: fc.array(hostile, { maxLength: 8 }),
});

describe("hostile 850s among good ones (property, over HTTP)", () => {
  it("good POs are created once in the same run, bad ones rejected with a reason, the next run is clean", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ good, hostile: bad }) => {
        const s = await startSystems();
        try {
          good.forEach((po, i) => {
            s.sps.mailbox.putOutbound(`POGOOD${i}-v7.7-BulkImport.json`, bytesOf(make850({ po })));
          });
          const expectedRejected: string[] = [];
          const resent: { fileName: string; po: string }[] = [];
          bad.forEach((entry, i) => {
            const fileName = `POBAD${i}-v7.7-BulkImport.json`;
            if (entry.kind === "rejected") {
              expectedRejected.push(fileName);
              s.sps.mailbox.putOutbound(fileName, bytesOf(make850({ po: entry.po })));
            } else {
              const po = good[entry.index % good.length] ?? "";
              resent.push({ fileName, po });
              s.sps.mailbox.putOutbound(fileName, bytesOf(make850({ po })));
            }
          });

          const run = await s.connector.runOnce("orders-in");
          expect(run.error).toBeUndefined();
          expect(run.problems).toBeUndefined();
          const orders = s.x3.data.list("SORDER");
          for (const po of good) {
            expect(
              orders.filter((order) => order.CUSORDREF === po),
              po,
            ).toHaveLength(1);
            const documents = (await s.stores.audit.findDocuments({ naturalKey: `850:ACME:${po}` })).items;
            expect(
              documents.filter((document) => document.status === "created"),
              po,
            ).toHaveLength(1);
            expect(
              documents.every((document) => ["created", "duplicate"].includes(document.status)),
              po,
            ).toBe(true);
          }
          expect(orders).toHaveLength(good.length);
          for (const fileName of expectedRejected) {
            const [document] = (await s.stores.audit.findDocuments({ fileName })).items;
            expect(document?.status, fileName).toBe("rejected");
            expect(document?.reasons[0]?.code, fileName).toBe("invalid_identifier");
          }
          for (const { fileName } of resent) {
            const [document] = (await s.stores.audit.findDocuments({ fileName })).items;
            expect(["created", "duplicate"]).toContain(document?.status);
            if (document?.status === "duplicate") expect(document.reasons.length).toBeGreaterThan(0);
          }
          expect(await s.stores.audit.listInProgress()).toEqual([]);
          expect(s.sps.mailbox.paths("out")).toEqual([]);

          const next = await s.connector.runOnce("orders-in");
          expect(next.error).toBeUndefined();
          expect(next.documents).toBe(0);
          expect(s.x3.data.list("SORDER")).toHaveLength(good.length);
        } finally {
          await s.close();
        }
      }),
      { numRuns: 12, seed: 1414 },
    );
  }, 300_000);
});
