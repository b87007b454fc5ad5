import { runStoreConformanceSuite } from "@ml-connector/sync-core/testing";
import { createPostgresStores } from "../src/index.js";
import { freshSchema, usePostgresDatabase } from "./support/postgres-server.js";

const database = usePostgresDatabase();

// Every test gets an empty schema of its own in this file's database.
runStoreConformanceSuite(
  "PostgreSQL",
  () => createPostgresStores({ connectionString: database.url, schema: freshSchema() }),
  {
    persistent: async () => {
      const schema = freshSchema();
      return { open: () => createPostgresStores({ connectionString: database.url, schema }) };
    },
  },
);
