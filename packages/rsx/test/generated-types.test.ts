import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { renderGeneratedFiles } from "../scripts/generate-types.js";
import type * as published from "../src/generated/schemas.js";
import type * as source from "../src/schemas/index.js";

// The published document types are generated from the zod schemas (scripts/generate-types.ts) so that the package's
// declarations name them instead of expanding zod's inferred types at every use.

type PublishedName = keyof typeof published;
type SourceSchemaName = Extract<keyof typeof source, `${string}Schema`>;
type PublishedOutputs = { [K in PublishedName]: z.output<(typeof published)[K]> };
type InferredOutputs = { [K in PublishedName]: z.output<(typeof source)[K]> };
type InferredInputs = { [K in PublishedName]: z.input<(typeof source)[K]> };

describe("generated document types", () => {
  it("equal what zod infers from every schema (checked by tsc: `pnpm run typecheck`)", () => {
    // Every schema of src/schemas is published, and each named type is exactly the schema's output (and input).
    expectTypeOf<PublishedName>().toEqualTypeOf<SourceSchemaName>();
    expectTypeOf<PublishedOutputs>().toEqualTypeOf<InferredOutputs>();
    expectTypeOf<PublishedOutputs>().toEqualTypeOf<InferredInputs>();
  });

  it("are what the generator writes from the current schemas", () => {
    const packageRoot = join(import.meta.dirname, "..");
    for (const [path, fresh] of Object.entries(renderGeneratedFiles())) {
      expect(
        readFileSync(join(packageRoot, path), "utf8"),
        `${path}: run pnpm --filter @ml-connector/rsx generate`,
      ).toBe(fresh);
    }
  });

  it("publishes the same schema objects that parse and validate use", async () => {
    const publishedModule = await import("../src/generated/schemas.js");
    const sourceModule = await import("../src/schemas/index.js");
    const names = Object.keys(publishedModule).sort();
    expect(names).toEqual(
      Object.keys(sourceModule)
        .filter((name) => name.endsWith("Schema"))
        .sort(),
    );
    for (const name of names) {
      expect(publishedModule[name as PublishedName]).toBe(sourceModule[name as PublishedName]);
    }
  });
});
