import { runStoreConformanceSuite } from "@ml-connector/state/testing";
import { createPostgresStores } from "../src/index.js";
import { freshSchema, usePostgresDatabase } from "./support/postgres-server.js";

const database = usePostgresDatabase();

// Every test gets an empty schema of its own in this file's database; the suite runs with each write committed on
// its own (the default) and with a step's writes grouped in one transaction.
for (const groupWrites of [false, true]) {
  runStoreConformanceSuite(
    groupWrites ? "PostgreSQL, grouped writes" : "PostgreSQL",
    ({ clock }) => createPostgresStores({ connectionString: database.url, schema: freshSchema(), clock, groupWrites }),
    {
      persistent: async ({ clock }) => {
        const schema = freshSchema();
        return { open: () => createPostgresStores({ connectionString: database.url, schema, clock, groupWrites }) };
      },
    },
  );
}
