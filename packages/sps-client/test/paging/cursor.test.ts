import { describe, expect, it } from "vitest";
import { clientFor, collect, startSandbox } from "../support/sandbox.js";

const names = Array.from({ length: 2500 }, (_, i) => `PO${String(i).padStart(5, "0")}-1-v7.7-BulkImport.json`);

describe("cursor paging", () => {
  it.each([
    [1000, 3],
    [7, 358],
  ])("lists 2,500 files with page size %i in %i pages", async (pageSize, pages) => {
    const sandbox = await startSandbox();
    for (const name of names) sandbox.mailbox.putOutbound(name, "{}");
    const client = clientFor(sandbox);
    const entries = await collect(client.list("out", { limit: pageSize }));
    expect(entries.map((entry) => entry.name)).toEqual(names);
    expect(entries[0]).toMatchObject({ path: `/out/${names[0]}`, type: "file" });
    expect(sandbox.counters.get("transactions.list")).toBe(pages);
  });

  it("honours a server that caps the page size below the asked limit", async () => {
    const sandbox = await startSandbox({ pageSize: 7 });
    for (const name of names.slice(0, 100)) sandbox.mailbox.putOutbound(name, "{}");
    const entries = await collect(clientFor(sandbox).list("out", { limit: 1000 }));
    expect(entries).toHaveLength(100);
    expect(sandbox.counters.get("transactions.list")).toBe(15);
  });

  it("filters by name prefix across pages, and shows subdirectories", async () => {
    const sandbox = await startSandbox();
    for (let i = 0; i < 20; i += 1) {
      sandbox.mailbox.putOutbound(`PO${i}-v7.7-BulkImport.json`, "{}");
      sandbox.mailbox.putOutbound(`CA${i}-v7.7-BulkImport.xml`, "<x/>");
    }
    sandbox.mailbox.putOutbound("PO/PO99-v7.7-DropShip.json", "{}");
    const client = clientFor(sandbox);
    const orders = await collect(client.list("/out/", { prefix: "PO", limit: 3 }));
    expect(orders).toHaveLength(21);
    expect(orders.every((entry) => entry.name.startsWith("PO"))).toBe(true);
    expect(orders.find((entry) => entry.type === "directory")).toMatchObject({ path: "/out/PO/", name: "PO" });
    const nested = await collect(client.list("out/PO"));
    expect(nested.map((entry) => entry.path)).toEqual(["/out/PO/PO99-v7.7-DropShip.json"]);
  });

  it("lets the caller delete what it listed while it iterates (consumption)", async () => {
    const sandbox = await startSandbox();
    for (const name of names.slice(0, 50)) sandbox.mailbox.putOutbound(name, "{}");
    const client = clientFor(sandbox);
    const seen: string[] = [];
    for await (const entry of client.list("out", { limit: 7 })) {
      await client.download(entry.path);
      await client.delete(entry.path);
      seen.push(entry.name);
    }
    expect(seen).toEqual(names.slice(0, 50));
    expect(sandbox.mailbox.paths("out")).toEqual([]);
  });

  it("lists the mailbox root and an empty directory", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox);
    const root = await collect(client.list("/"));
    expect(root.map((entry) => entry.path)).toEqual(["/in/", "/out/", "/testin/", "/testout/"]);
    expect(await collect(client.list("testout"))).toEqual([]);
  });

  it("reports a missing directory as not-found", async () => {
    const sandbox = await startSandbox();
    const error = await collect(clientFor(sandbox).list("out/nothing-here")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "not-found", status: 404 });
    expect((error as { requestId?: string }).requestId).toMatch(/[0-9a-f-]{36}/);
  });

  it("stops when the server repeats a cursor", async () => {
    const sandbox = await startSandbox();
    const page = {
      results: [{ path: "/out/a.json", type: "file" }],
      paging: { limit: 1, next: { cursor: "same", url: `${sandbox.baseUrl}/transactions/v5/data/out/?cursor=same` } },
    };
    sandbox.faults.add({ route: "transactions.list", status: 200, body: page });
    const error = await collect(clientFor(sandbox).list("out")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "SpsError", kind: "server" });
    expect(sandbox.counters.get("transactions.list")).toBe(2);
  });

  it("pages through the history with after/until", async () => {
    const sandbox = await startSandbox({ validateUploads: false });
    const client = clientFor(sandbox);
    for (let i = 0; i < 12; i += 1) await client.upload(`in/PR${i}-v7.7-BulkImport.json`, "{}");
    const entries = await collect(client.history({ limit: 5 }));
    expect(entries).toHaveLength(12);
    expect(entries[0]).toMatchObject({ path: "/in/PR0-v7.7-BulkImport.json", direction: "in" });
    expect(entries[0]?.statusLog[0]?.status).toBe("uploaded");
    expect(sandbox.counters.get("transactions.history")).toBe(3);

    const future = new Date(Date.now() + 3_600_000);
    expect(await collect(client.history({ after: future }))).toEqual([]);
    expect(await collect(client.history({ until: future, after: "2000-01-01T00:00:00" }))).toHaveLength(12);
    expect(() => client.history({ after: "yesterday" })).toThrow(/YYYY-MM-DDTHH:mm:ss/);
  });
});
