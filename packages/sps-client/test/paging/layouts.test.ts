import { describe, expect, it } from "vitest";
import { isSpsError, testMailboxPath } from "../../src/index.js";
import { clientFor, collect, startSandbox } from "../support/sandbox.js";

describe("listings as real accounts answer them", () => {
  it("a page without a paging object (an empty folder) is the last page, not an error", async () => {
    const sandbox = await startSandbox();
    const client = clientFor(sandbox);
    expect(await collect(client.list("out/"))).toEqual([]);
    expect(sandbox.counters.get("transactions.list")).toBe(1);
  });

  it("a folder SPS has not set up answers 404: a not-found SpsError the caller can tell apart", async () => {
    const sandbox = await startSandbox({ layout: "by-type", routesReady: false });
    const error = await collect(clientFor(sandbox).list("out/PO/")).catch((caught: unknown) => caught);
    expect(isSpsError(error) && error.kind).toBe("not-found");
    expect(isSpsError(error) && error.status).toBe(404);
  });

  it("testMailboxPath maps out/ and in/ folders to their test twins", () => {
    expect(testMailboxPath("out/")).toBe("testout/");
    expect(testMailboxPath("out/PO/")).toBe("testout/PO/");
    expect(testMailboxPath("/in/PR/x.json")).toBe("/testin/PR/x.json");
    expect(testMailboxPath("testin/")).toBe("testin/");
    expect(() => testMailboxPath("elsewhere/")).toThrow(/no test-mailbox twin/);
  });
});
