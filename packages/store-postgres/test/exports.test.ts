import { expect, it } from "vitest";
import * as api from "../src/index.js";

it("exports its public surface", () => {
  expect(Object.keys(api).sort()).toEqual([
    "createPostgresStores",
    "migrations",
    "schemaVersion",
    "supportedSchemaVersion",
  ]);
});
