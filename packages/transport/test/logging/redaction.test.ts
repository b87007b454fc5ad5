import { describe, expect, it } from "vitest";
import { createSafeLogger, parseSecureUrl, redactText, redactValue, resolveSameOrigin } from "../../src/index.js";

describe("redaction", () => {
  it("removes known secrets, bearer credentials and JWTs from text", () => {
    const text = "secret s3cr3t-value; Authorization: Bearer abc.def; jwt eyJhbGciOi.eyJzdWIiOiIx.sig";
    const out = redactText(text, ["s3cr3t-value"]);
    expect(out).not.toContain("s3cr3t-value");
    expect(out).not.toContain("abc.def");
    expect(out).not.toContain("eyJzdWIiOiIx");
  });

  it("redacts secret-named keys in nested objects", () => {
    expect(redactValue({ a: { client_secret: "x", refreshToken: "y", ok: "fine" } })).toEqual({
      a: { client_secret: "[redacted]", refreshToken: "[redacted]", ok: "fine" },
    });
  });

  it("a safe logger never passes a secret on", () => {
    const lines: unknown[] = [];
    const logger = createSafeLogger({ info: (fields, message) => lines.push({ fields, message }) }, () => ["hunter22"]);
    logger.info({ detail: "pw hunter22", password: "hunter22" }, "login with hunter22");
    expect(JSON.stringify(lines)).not.toContain("hunter22");
  });
});

describe("origin guards", () => {
  it("requires https except on loopback", () => {
    expect(parseSecureUrl("https://api.example.com", "baseUrl").origin).toBe("https://api.example.com");
    expect(parseSecureUrl("http://127.0.0.1:8080", "baseUrl").port).toBe("8080");
    expect(parseSecureUrl("http://localhost:1", "baseUrl").hostname).toBe("localhost");
    expect(() => parseSecureUrl("http://x3.example.com", "serverUrl")).toThrow(/must use https/);
    expect(() => parseSecureUrl("not a url", "serverUrl")).toThrow(/not a valid URL/);
  });

  it("follows relative and same-origin links, refuses others", () => {
    const base = "https://api.example.com/transactions/v5/data/out/";
    expect(resolveSameOrigin("?cursor=2", base).href).toBe(
      "https://api.example.com/transactions/v5/data/out/?cursor=2",
    );
    expect(resolveSameOrigin("https://api.example.com/p?c=1", base).pathname).toBe("/p");
    expect(() => resolveSameOrigin("https://evil.example.net/p", base, "paging link")).toThrow(/Refused to follow/);
    expect(() => resolveSameOrigin("http://api.example.com/p", base)).toThrow(/Refused/);
  });
});
