import { acmeSandboxMappings } from "@ml-connector/sandbox";
import { afterEach } from "vitest";
import {
  type SandboxedSystems,
  type SandboxedSystemsOptions,
  startSandboxedSystems,
} from "../../src/testing/sandboxed-systems.js";

export {
  type SandboxedSystems as Systems,
  startSandboxedSystems as startSystems,
} from "../../src/testing/sandboxed-systems.js";

/** ACME's mappings against the Sage X3 sandbox's standard seed (store 42 ships to C0001's address DC01). */
export const sandboxMappings = acmeSandboxMappings;

/**
 * Sandboxed systems for the tests of one file, each closed after the test that started it: call at the top level with
 * the options the file's tests share, then `await start()` in a test.
 */
export function useSystems(options: SandboxedSystemsOptions = {}): () => Promise<SandboxedSystems> {
  const started: SandboxedSystems[] = [];
  afterEach(async () => {
    for (const systems of started.splice(0)) await systems.close();
  });
  return async () => {
    const systems = await startSandboxedSystems(options);
    started.push(systems);
    return systems;
  };
}
