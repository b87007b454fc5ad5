// Run: npm start (a copy from `ml-connector init --example embed-in-ipaas`), or in the repository:
// npx -y pnpm@12.4.2 --filter @ml-connector/example-embed-in-ipaas start
import { runSimulation } from "./simulation.js";

await runSimulation();
