// Run: npm start (a copy from `ml-connector init --example partner-rules`), or in the repository:
// npx -y pnpm@12.4.2 --filter @ml-connector/example-partner-rules start
import { runPartnerRules } from "./partner-rules.js";

await runPartnerRules();
