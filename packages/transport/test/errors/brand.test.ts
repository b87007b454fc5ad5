import { describe, expect, it } from "vitest";
import { ConnectorError, isConnectorError } from "../../src/index.js";

// A second copy of the module, as a process that loads both the ESM and the CommonJS build of the package has.
const secondCopyPath = "../../src/errors/connector-error.ts?second-copy";
const secondCopy = (await import(
  /* @vite-ignore */ secondCopyPath
)) as typeof import("../../src/errors/connector-error.js");

describe("ConnectorError across copies of the package", () => {
  it("is a different class in the second copy", () => {
    expect(secondCopy.ConnectorError).not.toBe(ConnectorError);
  });

  it("isConnectorError and instanceof recognise an error made by the other copy", () => {
    const other = new secondCopy.ConnectorError("from the other build", { kind: "timeout" });
    expect(isConnectorError(other)).toBe(true);
    expect(other instanceof ConnectorError).toBe(true);
    expect(secondCopy.isConnectorError(new ConnectorError("ours", { kind: "server" }))).toBe(true);
  });

  it("recognises nothing else", () => {
    expect(isConnectorError(new Error("plain"))).toBe(false);
    expect(isConnectorError({ kind: "timeout", message: "look-alike" })).toBe(false);
    expect(isConnectorError(null)).toBe(false);
    expect(new Error("plain") instanceof ConnectorError).toBe(false);
  });

  it("keeps the ordinary check for subclasses", () => {
    class OtherError extends ConnectorError {}
    expect(new OtherError("x", { kind: "client" }) instanceof OtherError).toBe(true);
    expect(new ConnectorError("x", { kind: "client" }) instanceof OtherError).toBe(false);
    expect(new OtherError("x", { kind: "client" }) instanceof ConnectorError).toBe(true);
  });

  it("recognises a subclass that declares its own brand across copies, and marks its instances with each brand", () => {
    const brand = Symbol.for("@ml-connector/test/BrandedError");
    class Ours extends ConnectorError {
      static override readonly brand: symbol = brand;
    }
    class Theirs extends secondCopy.ConnectorError {
      static override readonly brand: symbol = brand;
    }
    const theirs = new Theirs("from the other build", { kind: "client" });
    expect(theirs instanceof Ours).toBe(true);
    expect(theirs instanceof ConnectorError).toBe(true);
    expect(new ConnectorError("x", { kind: "client" }) instanceof Ours).toBe(false);
    expect(new secondCopy.ConnectorError("x", { kind: "client" }) instanceof Ours).toBe(false);
    // A subclass of a branded class without a brand of its own: the prototype check, and its parents' brands.
    class Narrower extends Ours {}
    expect(new Narrower("x", { kind: "client" }) instanceof Narrower).toBe(true);
    expect(new Ours("x", { kind: "client" }) instanceof Narrower).toBe(false);
    expect(new Narrower("x", { kind: "client" }) instanceof Theirs).toBe(true);
    expect(isConnectorError(new Narrower("x", { kind: "client" }))).toBe(true);
  });
});
