import { acmeSandboxMappings } from "@ml-connector/sandbox";

export {
  type SandboxedSystems as Systems,
  startSandboxedSystems as startSystems,
} from "../../src/testing/sandboxed-systems.js";

/** ACME's mappings against the Sage X3 sandbox's standard seed (store 42 ships to C0001's address DC01). */
export const sandboxMappings = acmeSandboxMappings;
