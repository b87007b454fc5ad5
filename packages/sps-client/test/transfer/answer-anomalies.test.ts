import { type AnswerAnomaly, SPS_SANDBOX_ROUTES } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { clientFor, orderAckJson, startSandbox } from "../support/sandbox.js";

// Answers that are not the file must never be taken for it: each is an error (the caller keeps the file in the
// mailbox), never an empty or partial document. And a redirect answered to an upload or a delete is not "done".

const expected: Record<AnswerAnomaly, { kind: string; message: RegExp }> = {
  redirect: { kind: "server", message: /HTTP 302, a redirect to https:\/\/moved\.sandbox\.invalid\/.*never followed/ },
  "no-content": { kind: "server", message: /with HTTP 204 instead of the file/ },
  "html-page": { kind: "server", message: /with a web page \(text\/html\) instead of the file/ },
  "wrong-length": { kind: "connection", message: /interrupted|ended after/ },
  truncated: { kind: "connection", message: /interrupted|ended after/ },
};

describe("download answers that are not the file", () => {
  for (const [anomaly, want] of Object.entries(expected) as [AnswerAnomaly, (typeof expected)[AnswerAnomaly]][]) {
    it(`${anomaly}: an error, and the file is still there to be read whole afterwards`, async () => {
      const sandbox = await startSandbox();
      const content = JSON.stringify({
        Header: { OrderHeader: { PurchaseOrderNumber: "PO-1" } },
        pad: "x".repeat(5000),
      });
      const path = sandbox.mailbox.putOutbound("PO1-v7.7-BulkImport.json", content);
      // Unlimited: retries within the call meet the same anomaly.
      const remove = sandbox.faults.add({ route: SPS_SANDBOX_ROUTES.download, method: "GET", anomaly });
      const client = clientFor(sandbox, { retry: { baseDelayMs: 1, maxDelayMs: 2, retries: 1 } });
      const error = await client.download(path).then(
        (bytes) => bytes,
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ name: "SpsError", kind: want.kind });
      expect((error as Error).message).toMatch(want.message);
      expect(sandbox.mailbox.has(path)).toBe(true);
      remove();
      expect(new TextDecoder().decode(await client.download(path))).toBe(content);
    });
  }

  it("bytes fewer than the Content-Length are an error even when the stream ends cleanly", async () => {
    const sandbox = await startSandbox();
    const path = sandbox.mailbox.putOutbound("PO2-v7.7-BulkImport.json", "y".repeat(1000));
    // A fetch (a proxy-aware one, say) that ends the body early without an error: only the count shows it.
    const shortening: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes("/out/PO2")) return response;
      const bytes = new Uint8Array(await response.arrayBuffer());
      return new Response(bytes.subarray(0, 600), { status: 200, headers: response.headers });
    };
    const client = clientFor(sandbox, { fetch: shortening, retry: { retries: 0 } });
    await expect(client.download(path)).rejects.toMatchObject({
      kind: "connection",
      message: expect.stringContaining("ended after 600 of the 1000 bytes SPS announced"),
    });
  });
});

describe("redirects answered to uploads and deletes", () => {
  it("an upload answered with a 302 is an error, and nothing is in in/", async () => {
    const sandbox = await startSandbox();
    sandbox.faults.add({ route: SPS_SANDBOX_ROUTES.upload, method: "POST", anomaly: "redirect" });
    const client = clientFor(sandbox);
    await expect(client.upload("in/PR1-v7.7-BulkImport.json", orderAckJson())).rejects.toMatchObject({
      name: "SpsError",
      kind: "server",
      status: 302,
      retryable: false,
    });
    expect(sandbox.mailbox.inbound()).toHaveLength(0);
    expect(sandbox.counters.get(SPS_SANDBOX_ROUTES.upload)).toBe(1);
  });

  for (const anomaly of ["no-content", "html-page"] as const) {
    it(`an upload answered with ${anomaly === "no-content" ? "a 204" : "a web page"} is an error: it says nothing of the file`, async () => {
      const sandbox = await startSandbox();
      sandbox.faults.add({ route: SPS_SANDBOX_ROUTES.upload, method: "POST", anomaly });
      const client = clientFor(sandbox);
      const error = await client.upload("in/PR2-v7.7-BulkImport.json", orderAckJson()).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toMatchObject({ name: "SpsError", kind: "server", retryable: false });
      expect((error as Error).message).toMatch(/instead of its upload answer/);
      // The sandbox answered in SPS's place without storing anything: had the client called this "uploaded", the
      // 855 would be posted in the audit and missing from in/.
      expect(sandbox.mailbox.inbound()).toHaveLength(0);
    });
  }

  it("a delete answered with a 307 is an error, and the file is still there", async () => {
    const sandbox = await startSandbox();
    const path = sandbox.mailbox.putOutbound("PO3-v7.7-BulkImport.json", "{}");
    sandbox.faults.add({
      route: SPS_SANDBOX_ROUTES.delete,
      method: "DELETE",
      status: 307,
      headers: { location: `${sandbox.baseUrl}/elsewhere` },
      body: "",
    });
    const client = clientFor(sandbox);
    await expect(client.delete(path)).rejects.toMatchObject({ kind: "server", status: 307 });
    expect(sandbox.mailbox.has(path)).toBe(true);
    expect(sandbox.mailbox.deletions()).toEqual([]);
  });
});
