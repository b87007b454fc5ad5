import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStoreConformanceSuite } from "@ml-connector/state/testing";
import { afterAll } from "vitest";
import { openJournalStores } from "../src/journal-stores.js";

const dirs: string[] = [];
const freshJournal = async () => {
  const dir = await mkdtemp(join(tmpdir(), "journal-store-"));
  dirs.push(dir);
  return join(dir, "stores.jsonl");
};
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

// Every behaviour the engine relies on (about fifty tests), plus "keeps everything across close and reopen".
// The stores take their time from the suite's clock, so lease expiry is tested without waiting.
runStoreConformanceSuite(
  "journal store",
  async ({ clock }) => openJournalStores({ path: await freshJournal(), clock }),
  {
    persistent: async ({ clock }) => {
      const path = await freshJournal();
      return { open: () => openJournalStores({ path, clock }) };
    },
  },
);
