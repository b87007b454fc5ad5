import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStoreConformanceSuite } from "@ml-connector/state/testing";
import { afterAll } from "vitest";
import { createSqliteStores } from "../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "store-sqlite-conformance-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runStoreConformanceSuite(
  "sqlite file",
  async ({ clock }) => createSqliteStores({ path: join(dir, `stores-${++n}.db`), clock }),
  {
    persistent: async ({ clock }) => {
      const path = join(dir, `persistent-${++n}.db`);
      return { open: async () => createSqliteStores({ path, clock }) };
    },
  },
);

runStoreConformanceSuite("sqlite :memory:", async ({ clock }) => createSqliteStores({ path: ":memory:", clock }));
