import { describe, expect, it } from "vitest";
import { createPathSerializer } from "../../src/index.js";

describe("createPathSerializer", () => {
  const serialize = createPathSerializer((value) =>
    typeof value === "string" || typeof value === "number" ? encodeURIComponent(String(value)) : undefined,
  );

  it("fills every placeholder with its encoded value, the same template again from its split parts", () => {
    const template = "/api1/x3/erp/{endpoint}/{class}('{key}')";
    expect(serialize(template, { endpoint: "SEED", class: "SORDER", key: "SO 1/2" })).toBe(
      "/api1/x3/erp/SEED/SORDER('SO%201%2F2')",
    );
    expect(serialize(template, { endpoint: "SEED", class: "SORDER", key: 7 })).toBe("/api1/x3/erp/SEED/SORDER('7')");
  });

  it("leaves a placeholder as it is when the encoder gives no value, and a path without one untouched", () => {
    expect(serialize("/{a}/x/{b}", { a: "1", b: null })).toBe("/1/x/{b}");
    expect(serialize("/{a}/x/{b}", { a: "1" })).toBe("/1/x/{b}");
    expect(serialize("{a}", { a: "é" })).toBe("%C3%A9");
    expect(serialize("/transactions/v5/history", {})).toBe("/transactions/v5/history");
  });
});
