import { describe, expect, it } from "vitest";
import { encodeMailboxPath, normalizeDirectoryPath, normalizeFilePath } from "../../src/index.js";
import { serializeMailboxPathParams } from "../../src/transactions/transaction-api.js";
import { clientFor, startSandbox } from "../support/sandbox.js";

const badFilePaths = [
  "../out/PO1.json",
  "out/../in/PO1.json",
  "out/./PO1.json",
  "out//PO1.json",
  "out/PO1.json/",
  "",
  "/",
  "https://evil.example/out/PO1.json",
  "//evil.example/out/PO1.json",
  "file:///etc/passwd",
  "out\\..\\in\\PO1.json",
  "out/PO1.json\u0000.xml",
  "out/PO1\r\n.json",
  "out/PO1.json?cursor=x",
  "out/PO1.json#frag",
  "out/%2e%2e/in/PO1.json",
  "out/ PO1.json",
  `out/${"a".repeat(1100)}.json`,
];

describe("mailbox paths", () => {
  it.each(badFilePaths)("refuses %j before sending anything", async (path) => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox);
    for (const call of [() => client.download(path), () => client.upload(path, "x"), () => client.delete(path)]) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: "SpsError", kind: "security", retryable: false });
    }
    expect(sandbox.counters.total()).toBe(0);
  });

  it("refuses a bad directory when list is called, not later", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox);
    expect(() => client.list("../")).toThrow(/Refused the mailbox path/);
    expect(() => client.list("out//PO")).toThrow(/empty segment/);
    expect(() => client.list("https://evil.example/out/")).toThrow(/absolute URLs/);
    expect(sandbox.counters.total()).toBe(0);
  });

  it("normalises good paths and encodes each segment", async () => {
    expect(normalizeFilePath("/out/PO1-v7.7-BulkImport.json")).toBe("out/PO1-v7.7-BulkImport.json");
    expect(normalizeDirectoryPath("/out/PO/")).toBe("out/PO");
    const sandbox = await startSandbox({ validateUploads: false });
    const client = clientFor(sandbox);
    await client.upload("in/with space & plus+.json", "{}");
    expect(sandbox.mailbox.has("in/with space & plus+.json")).toBe(true);
    expect(new TextDecoder().decode(await client.download("/in/with space & plus+.json"))).toBe("{}");
  });

  it("encodes exactly the characters encodeURIComponent encodes, segment by segment", () => {
    for (const path of [
      "out/PO1-v7.7-BulkImport.json",
      "out/a_b.c~d!e*f'g(h)i.json",
      "in/with space & plus+.json",
      "out/ü/€.json",
      "out/a:b@c;d,e=f$g.json",
    ]) {
      expect(encodeMailboxPath(path)).toBe(path.split("/").map(encodeURIComponent).join("/"));
    }
  });

  it("fills every placeholder of a route template, and leaves one without a string value as it is", () => {
    const file = "/transactions/v5/data/{path}";
    expect(serializeMailboxPathParams(file, { path: "out/PO 1.json" })).toBe("/transactions/v5/data/out/PO%201.json");
    // The same template again (split once, then reused) with another value.
    expect(serializeMailboxPathParams(file, { path: "out/PO2.json" })).toBe("/transactions/v5/data/out/PO2.json");
    expect(serializeMailboxPathParams("/transactions/v5/data/{directory}/", { directory: "out/PO" })).toBe(
      "/transactions/v5/data/out/PO/",
    );
    expect(serializeMailboxPathParams("/{a}/x/{b}", { a: "1", b: "2 3" })).toBe("/1/x/2%203");
    expect(serializeMailboxPathParams("/{a}/x/{b}", { a: "1" })).toBe("/1/x/{b}");
    expect(serializeMailboxPathParams("/transactions/v5/history", {})).toBe("/transactions/v5/history");
  });
});
