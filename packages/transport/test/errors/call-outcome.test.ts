import { describe, expect, it } from "vitest";
import { ConnectorError, callOutcome, type ErrorKind } from "../../src/index.js";

describe("callOutcome: what a failed call says about its effect", () => {
  const cases: [ErrorKind, ReturnType<typeof callOutcome>][] = [
    ["validation", "refused"],
    ["not-found", "refused"],
    ["conflict", "refused"],
    ["client", "refused"],
    ["configuration", "refused"],
    ["mapping", "refused"],
    ["duplicate", "refused"],
    ["auth", "not-applied"],
    ["rate-limit", "not-applied"],
    ["security", "not-applied"],
    ["timeout", "uncertain"],
    ["connection", "uncertain"],
    ["server", "uncertain"],
    ["cancelled", "uncertain"],
  ];
  it.each(cases)("%s → %s", (kind, outcome) => {
    expect(callOutcome(new ConnectorError("x", { kind }))).toBe(outcome);
  });
  it("anything that is not a ConnectorError is uncertain", () => {
    expect(callOutcome(new Error("boom"))).toBe("uncertain");
    expect(callOutcome("string")).toBe("uncertain");
  });
});
