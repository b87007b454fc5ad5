import { describe, expect, it } from "vitest";
import { createMemoryAuditStore } from "../src/index.js";

const record = (audit: ReturnType<typeof createMemoryAuditStore>, text: string, id: string) =>
  audit.recordDocument({
    id,
    direction: "in",
    type: "850",
    partnerId: "ACME",
    naturalKey: `850:ACME:${id}`,
    status: "received",
    payload: new TextEncoder().encode(text),
  });

describe("the memory audit store's payloads", () => {
  it("hands out each payload alone, in a buffer of its own, however they are kept", async () => {
    const audit = createMemoryAuditStore();
    const texts = ["a", "bc", "def", "x".repeat(20_000), "ghij"];
    for (const [index, text] of texts.entries()) await record(audit, text, `d${index}`);
    await audit.putPayload("d1", new TextEncoder().encode("BC!"));
    const expected = ["a", "BC!", "def", "x".repeat(20_000), "ghij"];
    for (const [index, text] of expected.entries()) {
      const back = (await audit.getPayload(`d${index}`))!;
      expect(new TextDecoder().decode(back)).toBe(text);
      // Nothing else is reachable through it: no other document's bytes.
      expect(back.byteOffset).toBe(0);
      expect(back.buffer.byteLength).toBe(back.byteLength);
      back.fill(0);
      expect(new TextDecoder().decode((await audit.getPayload(`d${index}`))!)).toBe(text);
    }
  });
});
