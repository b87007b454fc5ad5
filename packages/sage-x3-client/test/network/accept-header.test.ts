import { describe, expect, it } from "vitest";
import { client, sandbox } from "../helpers.js";

describe("the accept header", () => {
  it("asks for JSON on every request: a query and its next page, a read, a create, an edit, a delete", async () => {
    const x3 = await sandbox({ maxCount: 2 });
    const sent: [string, string | undefined][] = [];
    const recording: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      const facet = new URL(String(input)).searchParams.get("representation")?.split(".$")[1];
      sent.push([`${init?.method ?? "GET"} ${facet}`, headers.get("accept") ?? undefined]);
      return globalThis.fetch(input, init);
    };
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic }, fetch: recording });
    const pages = [];
    for await (const page of x3Client.pages("BPCUSTOMER", { count: 2 })) {
      pages.push(page);
      if (pages.length === 2) break;
    }
    await x3Client.read("BPCUSTOMER", "C0002");
    const { key } = await x3Client.create("SORDER", {
      BPCORD: "C0001",
      SALFCY: "US01",
      SOHSOP: [{ ITMREF: "WID-001", QTY: 1 }],
    });
    await x3Client.update("SORDER", key, { CUSORDREF: "PO-1" });
    await x3Client.delete("SORDER", key);
    expect(sent).toEqual([
      ["GET query", "application/json"],
      ["GET query", "application/json"],
      ["GET details", "application/json"],
      ["POST create", "application/json"],
      ["PUT edit", "application/json"],
      ["DELETE edit", "application/json"],
    ]);
  });
});
