// Run: npm start (a copy from `ml-connector init --example quickstart`), or in the repository:
// npx -y pnpm@12.4.2 --filter @ml-connector/example-quickstart start
import { runQuickstart } from "./quickstart.js";

await runQuickstart();
