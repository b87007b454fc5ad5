import { runStoreConformanceSuite } from "@ml-connector/state/testing";
import { createPostgresStores } from "../src/index.js";
import { freshSchema, usePostgresDatabase } from "./support/postgres-server.js";

const database = usePostgresDatabase();

// Every test gets an empty schema of its own in this file's database.
runStoreConformanceSuite(
  "PostgreSQL",
  ({ clock }) => createPostgresStores({ connectionString: database.url, schema: freshSchema(), clock }),
  {
    persistent: async ({ clock }) => {
      const schema = freshSchema();
      return { open: () => createPostgresStores({ connectionString: database.url, schema, clock }) };
    },
  },
);
