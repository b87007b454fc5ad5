// A child process that competes with others for the same SQLite file (see ../multi-process.test.ts).
// Usage: node --conditions=ml-connector-source --import tsx contender.ts <db path> <name> <rounds>
import { contend } from "@ml-connector/state/testing";
import { createSqliteStores } from "../../src/index.js";

const [path, name, roundsText] = process.argv.slice(2);
if (path === undefined || name === undefined || roundsText === undefined)
  throw new Error("usage: contender <path> <name> <rounds>");
await contend(createSqliteStores({ path, busyTimeoutMs: 20_000 }), name, Number(roundsText));
