import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clientFor, collect, orderAckJson, startSandbox } from "../support/sandbox.js";

describe("upload and download", () => {
  it("round-trips bytes exactly (BOM, binary, UTF-8)", async () => {
    const sandbox = await startSandbox({ validateUploads: false });
    const client = clientFor(sandbox);
    const payloads = [
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"Header":{}}')]),
      new Uint8Array(randomBytes(300_000)),
      new TextEncoder().encode("<Orders>Ünïcödé ✓</Orders>"),
    ];
    for (const [index, payload] of payloads.entries()) {
      const result = await client.upload(`in/file-${index}.bin`, payload);
      expect(result.path).toBe(`/in/file-${index}.bin`);
      expect(result.url).toBe(`${sandbox.baseUrl}/transactions/v5/data/in/file-${index}.bin`);
      const downloaded = await client.download(`in/file-${index}.bin`);
      expect(downloaded.byteLength).toBe(payload.byteLength);
      expect(Buffer.compare(downloaded, payload)).toBe(0);
      expect(Buffer.compare(sandbox.mailbox.read(`in/file-${index}.bin`) ?? new Uint8Array(), payload)).toBe(0);
    }
  });

  it("overwrites on the same path", async () => {
    const sandbox = await startSandbox({ validateUploads: false });
    const client = clientFor(sandbox);
    await client.upload("in/PR1-v7.7-BulkImport.json", "first");
    await client.upload("in/PR1-v7.7-BulkImport.json", "second");
    expect(sandbox.mailbox.inbound().map((file) => file.text)).toEqual(["second"]);
  });

  it("downloads, then deletes, what SPS put in out/", async () => {
    const sandbox = await startSandbox();
    sandbox.mailbox.putOutbound("PO1-v7.7-BulkImport.json", "{}");
    const client = clientFor(sandbox);
    const [entry] = await collect(client.list("out"));
    expect(entry?.path).toBe("/out/PO1-v7.7-BulkImport.json");
    await client.download(entry?.path ?? "");
    await client.delete(entry?.path ?? "");
    expect(sandbox.mailbox.has("out/PO1-v7.7-BulkImport.json")).toBe(false);
    const error = await client.delete("out/PO1-v7.7-BulkImport.json").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "not-found" });
    const history = await collect(client.history());
    expect(history[0]?.statusLog.map((status) => status.status)).toEqual(["downloaded", "deleted"]);
  });

  it("reports invalid uploads as rejected in the history, with reasons", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox);
    await client.upload("in/PR584615-1-v7.7-BulkImport.json", orderAckJson());
    await client.upload("in/PR584616-1-v7.7-BulkImport.json", '{"Header":{"OrderHeader":{}}}');
    const [good, bad] = sandbox.mailbox.inbound();
    expect(good?.status).toBe("accepted");
    expect(bad?.status).toBe("rejected");
    expect(bad?.issues.length).toBeGreaterThan(0);
    const history = await collect(client.history());
    const rejected = history.find((entry) => entry.path === "/in/PR584616-1-v7.7-BulkImport.json");
    const verdict = rejected?.statusLog.at(-1);
    expect(verdict?.status).toBe("rejected");
    expect(verdict?.reasons?.length).toBeGreaterThan(0);
    expect(verdict?.reasons?.[0]).toMatchObject({ path: expect.any(String), code: expect.any(String) });
  });

  it("sends sps-meta headers and refuses bad ones", async () => {
    const sandbox = await startSandbox({ validateUploads: false });
    const client = clientFor(sandbox);
    await client.upload("in/a.json", "{}", { meta: { "order-id": "42" } });
    await expect(client.upload("in/a.json", "{}", { meta: { "bad key": "x" } })).rejects.toMatchObject({
      kind: "configuration",
    });
  });

  it("gets 403 when uploading outside in/ and testin/", async () => {
    const sandbox = await startSandbox();
    const error = await clientFor(sandbox)
      .upload("out/PO1.json", "{}")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "auth", status: 403 });
  });
});
