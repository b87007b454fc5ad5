// A child process that competes with others for one PostgreSQL schema (see ../concurrency/processes.test.ts).
// Usage: node --conditions=ml-connector-source --import tsx contender.ts <database url> <schema> <name> <rounds>
// Opens the store (all of them at once on a fresh schema: the migration race too) before it says it is ready.
import { contend } from "@ml-connector/state/testing";
import { createPostgresStores } from "../../src/index.js";

const [url, schema, name, roundsText] = process.argv.slice(2);
if (url === undefined || schema === undefined || name === undefined || roundsText === undefined) {
  throw new Error("usage: contender <url> <schema> <name> <rounds>");
}
const stores = await createPostgresStores({ connectionString: url, schema, poolSize: 4 });
await contend(stores, name, Number(roundsText));
