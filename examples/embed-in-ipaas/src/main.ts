// Run: npx -y pnpm@12.4.2 --filter @ml-connector/example-embed-in-ipaas start
import { runSimulation } from "./simulation.js";

await runSimulation();
