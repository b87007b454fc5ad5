import { describe, expect, it } from "vitest";
import { VerifiedTokens } from "../../src/core/verified-tokens.js";

describe("VerifiedTokens (the signature checks the sandboxes remember)", () => {
  const counting = () => {
    const calls: string[] = [];
    const verify = (token: string, key: string) => {
      calls.push(`${key}:${token}`);
      return token.endsWith(`.${key}`) ? { sub: token.split(".")[0] } : undefined;
    };
    return { calls, verify };
  };

  it("checks a token once per key, and never remembers a refusal", () => {
    const { calls, verify } = counting();
    const tokens = new VerifiedTokens(verify);
    expect(tokens.claims("alice.k1", "k1")).toEqual({ sub: "alice" });
    expect(tokens.claims("alice.k1", "k1")).toEqual({ sub: "alice" });
    expect(calls).toEqual(["k1:alice.k1"]);
    // The same token under another key is checked again (and refused here).
    expect(tokens.claims("alice.k1", "k2")).toBeUndefined();
    expect(tokens.claims("forged.k9", "k1")).toBeUndefined();
    expect(tokens.claims("forged.k9", "k1")).toBeUndefined();
    expect(calls).toEqual(["k1:alice.k1", "k2:alice.k1", "k1:forged.k9", "k1:forged.k9"]);
  });

  it("tells the claims of a token accepted before, under whichever key, and nothing of one refused", () => {
    const { calls, verify } = counting();
    const tokens = new VerifiedTokens(verify);
    expect(tokens.accepted("alice.k1")).toBeUndefined();
    tokens.claims("alice.k1", "k1");
    tokens.claims("forged.k9", "k1");
    expect(tokens.accepted("alice.k1")).toEqual({ sub: "alice" });
    expect(tokens.accepted("forged.k9")).toBeUndefined();
    expect(calls).toEqual(["k1:alice.k1", "k1:forged.k9"]);
  });

  it("forgets the oldest token beyond its bound", () => {
    const { calls, verify } = counting();
    const tokens = new VerifiedTokens(verify, 2);
    tokens.claims("a.k", "k");
    tokens.claims("b.k", "k");
    tokens.claims("c.k", "k");
    tokens.claims("c.k", "k");
    tokens.claims("b.k", "k");
    expect(calls).toEqual(["k:a.k", "k:b.k", "k:c.k"]);
    tokens.claims("a.k", "k");
    expect(calls).toEqual(["k:a.k", "k:b.k", "k:c.k", "k:a.k"]);
  });
});
