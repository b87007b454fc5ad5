// Run: npx -y pnpm@12.4.2 --filter @ml-connector/example-partner-rules start
import { runPartnerRules } from "./partner-rules.js";

await runPartnerRules();
