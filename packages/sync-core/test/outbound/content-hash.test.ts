import { describe, expect, it } from "vitest";
import { versionHash } from "../../src/flows/outbound/change-window.js";
import { contentHash } from "../../src/flows/outbound/outbound-file.js";

// The hashes users' ledgers and cursors already hold: a different hash for the same content would send a document
// again as a new revision (contentHash) or handle a record twice (versionHash) after an upgrade.
describe("content and version hashes stay what they were", () => {
  it("contentHash: sorted keys, an undefined value written `undefined`, an undefined item written empty", () => {
    const content = {
      b: [1, "x", null, undefined, { z: 1, a: undefined }],
      a: { é: true, Z: 2.5, 'a"q': "é\n" },
      u: undefined,
      "": [],
    };
    expect(contentHash(content as never)).toBe("9c5ba3ec616cfeb7ce29b0f5711564acf744947724f51c7475c10e7a61ef141a");
    expect(contentHash({ lines: [[1000, 24, 4.5]], total: 186 })).toBe(
      contentHash({ total: 186, lines: [[1000, 24, 4.5]] }),
    );
  });

  it("versionHash: stable JSON of the record without its undefined fields, 96 bits of SHA-256", () => {
    const record = {
      key: "INV1",
      updatedAt: "2026-11-30T10:00:00Z",
      lines: [{ q: 1, u: undefined }],
      extra: undefined,
    };
    expect(versionHash(record)).toBe("JaxaVQwb6ymVT_wT");
    const reordered = { updatedAt: "2026-11-30T10:00:00Z", key: "INV1", lines: [{ q: 1 }] };
    expect(versionHash(reordered)).toBe("JaxaVQwb6ymVT_wT");
  });
});
