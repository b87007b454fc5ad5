import { describe, expect, it } from "vitest";
import * as sps from "../src/index.js";

describe("public surface", () => {
  it("exports exactly these runtime values (a removal or an accidental addition fails here)", () => {
    expect(Object.keys(sps).sort()).toEqual(
      [
        "SPS_AUDIENCE",
        "SPS_AUTH_URL",
        "SPS_BASE_URL",
        "SPS_DIRECTORIES",
        "SpsError",
        "createSpsClient",
        "createSpsPairing",
        "encodeMailboxPath",
        "isSpsError",
        "normalizeDirectoryPath",
        "normalizeFilePath",
        "spsTokenKey",
        "testMailboxPath",
      ].sort(),
    );
  });

  it("SpsError is a ConnectorError", async () => {
    const { ConnectorError } = await import("@ml-connector/transport");
    const error = new sps.SpsError("x", { kind: "not-found", status: 404 });
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.retryable).toBe(false);
    expect(error.toJSON()).toMatchObject({ name: "SpsError", kind: "not-found", status: 404 });
  });
});
