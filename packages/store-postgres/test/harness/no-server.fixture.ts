// Run by harness.test.ts in a process of its own: what the harness does when it finds neither a URL nor binaries.
import { startTestPostgres } from "../support/postgres-server.js";

try {
  await startTestPostgres();
  process.stdout.write("started\n");
} catch (error) {
  process.stdout.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
