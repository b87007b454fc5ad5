import { acmeSandboxMappings } from "@ml-connector/sandbox";

export {
  type SandboxedSystems as Systems,
  startSandboxedSystems as startSystems,
} from "@ml-connector/sync-core/testing";

/** ACME against the Sage X3 sandbox's seed (one copy, in @ml-connector/sandbox). */
export const sandboxMappings = acmeSandboxMappings;
