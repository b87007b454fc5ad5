import { expect, it } from "vitest";
import * as storeSqlite from "../src/index.js";

it("keeps its public exports", () => {
  expect(Object.keys(storeSqlite).sort()).toEqual(
    ["createSqliteStores", "migrations", "schemaVersion", "supportedSchemaVersion"].sort(),
  );
});
