// Run: npx -y pnpm@12.4.2 --filter @ml-connector/example-quickstart start
import { runQuickstart } from "./quickstart.js";

await runQuickstart();
