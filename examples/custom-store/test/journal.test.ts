import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openJournalStores } from "../src/journal-stores.js";

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "journal-store-"));
  path = join(dir, "stores.jsonl");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the journal file", () => {
  it("holds one line per write, none for reads or refused writes", async () => {
    const stores = await openJournalStores({ path });
    await stores.cursors.set({ flow: "orders-in", source: "sps:out/" }, "c1", { expectedVersion: 0 });
    await expect(
      stores.cursors.set({ flow: "orders-in", source: "sps:out/" }, "c2", { expectedVersion: 0 }),
    ).rejects.toMatchObject({ kind: "conflict" });
    await stores.cursors.get({ flow: "orders-in", source: "sps:out/" });
    await stores.sequences.next("sscc:0614141");
    await stores.close();
    const lines = (await readFile(path, "utf8")).trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).method)).toEqual(["set", "next"]);
    const reopened = await openJournalStores({ path });
    expect(reopened.replayed).toBe(2);
    expect(await reopened.sequences.next("sscc:0614141")).toBe(2);
    await reopened.close();
  });

  it("ignores a torn last line (a crash in the middle of a write) and refuses a damaged one before it", async () => {
    const stores = await openJournalStores({ path });
    await stores.tokens.set("sps:app", { accessToken: "a1", expiresAt: 1 });
    await stores.close();
    await appendFile(path, '{"at":17,"port":"tokens","meth');
    const afterCrash = await openJournalStores({ path });
    expect(await afterCrash.tokens.get("sps:app")).toEqual({ accessToken: "a1", expiresAt: 1 });
    await afterCrash.close();

    await writeFile(path, `not json\n${await readFile(path, "utf8")}`);
    await expect(openJournalStores({ path })).rejects.toMatchObject({ kind: "configuration" });
  });
});
