import { describe, expect, it } from "vitest";
import type { SpsSandbox } from "../../src/index.js";
import { closeSandboxesAfterEach, startWithToken as start } from "./support/start-with-token.js";

closeSandboxesAfterEach();

const get = (sandbox: SpsSandbox, authorization: string, path: string) =>
  fetch(`${sandbox.baseUrl}/transactions/v5/data/${path}`, { headers: { authorization } });

const upload = (sandbox: SpsSandbox, authorization: string, path: string) =>
  fetch(`${sandbox.baseUrl}/transactions/v5/data/${path}`, {
    method: "POST",
    headers: { authorization, "content-type": "application/octet-stream" },
    body: "{}",
  });

async function listing(response: Response): Promise<{ results: { path: string; type: string }[]; paging?: unknown }> {
  expect(response.status).toBe(200);
  return (await response.json()) as { results: { path: string; type: string }[]; paging?: unknown };
}

describe("SPS sandbox: mailbox layouts", () => {
  it("flat (default): documents land in out/, a per-type folder does not exist", async () => {
    const { sandbox, authorization } = await start();
    expect(sandbox.mailbox.putOutbound("PO1-v7.7-BulkImport.json", "{}")).toBe("out/PO1-v7.7-BulkImport.json");
    const out = await listing(await get(sandbox, authorization, "out/"));
    expect(out.results).toEqual([expect.objectContaining({ path: "/out/PO1-v7.7-BulkImport.json", type: "file" })]);
    const missing = await get(sandbox, authorization, "out/PO/");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ detail: "Directory not found" });
    expect((await upload(sandbox, authorization, "in/PR/PR1-v7.7-BulkImport.json")).status).toBe(404);
    expect((await upload(sandbox, authorization, "in/PR1-v7.7-BulkImport.json")).status).toBe(201);
  });

  it("by-type: documents land in out/{TYPE}/, every type folder is listed, uploads go to in/{TYPE}/", async () => {
    const { sandbox, authorization } = await start({ layout: "by-type" });
    expect(sandbox.mailbox.putOutbound("PO1-v7.7-BulkImport.json", "{}")).toBe("out/PO/PO1-v7.7-BulkImport.json");
    expect(sandbox.mailbox.putOutbound("IN9-v7.7-BulkImport.json", "{}")).toBe("out/IN/IN9-v7.7-BulkImport.json");
    expect(sandbox.mailbox.putOutbound("report.txt", "x")).toBe("out/report.txt");
    expect(sandbox.mailbox.putOutbound("PO2.json", "{}", { test: true })).toBe("testout/PO/PO2.json");
    const out = await listing(await get(sandbox, authorization, "out/"));
    expect(out.results.map((entry) => entry.path)).toEqual([
      "/out/FA/",
      "/out/IB/",
      "/out/IN/",
      "/out/PC/",
      "/out/PO/",
      "/out/PR/",
      "/out/SH/",
      "/out/report.txt",
    ]);
    const po = await listing(await get(sandbox, authorization, "out/PO/"));
    expect(po.results.map((entry) => entry.path)).toEqual(["/out/PO/PO1-v7.7-BulkImport.json"]);
    expect((await upload(sandbox, authorization, "in/PR/PR1-v7.7-BulkImport.json")).status).toBe(201);
    expect(sandbox.mailbox.inbound().map((file) => file.path)).toEqual(["in/PR/PR1-v7.7-BulkImport.json"]);
  });

  it("routes not set up: the type folders answer 404 'Directory not found' until SPS sets them up", async () => {
    const { sandbox, authorization } = await start({ layout: "by-type", routesReady: false });
    sandbox.mailbox.putOutbound("PO1-v7.7-BulkImport.json", "{}");
    const out = await listing(await get(sandbox, authorization, "out/"));
    expect(out.results).toEqual([]);
    for (const path of ["out/PO/", "testout/PO/"]) {
      const answer = await get(sandbox, authorization, path);
      expect(answer.status, path).toBe(404);
      expect(await answer.json()).toMatchObject({ status: 404, detail: "Directory not found" });
    }
    expect((await get(sandbox, authorization, "out/PO/PO1-v7.7-BulkImport.json")).status).toBe(404);
    expect((await upload(sandbox, authorization, "in/SH/SH1-v7.7-BulkImport.json")).status).toBe(404);

    sandbox.mailbox.setRoutesReady(true);
    const po = await listing(await get(sandbox, authorization, "out/PO/"));
    expect(po.results.map((entry) => entry.path)).toEqual(["/out/PO/PO1-v7.7-BulkImport.json"]);
  });

  it("an empty listing comes without a paging object, as at a real account's root", async () => {
    const { sandbox, authorization } = await start();
    const empty = await listing(await get(sandbox, authorization, "out/"));
    expect(empty).toEqual({ results: [] });
    sandbox.mailbox.putOutbound("a.json", "{}");
    const one = await listing(await get(sandbox, authorization, "out/"));
    expect(one.paging).toEqual({ limit: 1000, next: null });
  });
});
