import { describe, expect, it } from "vitest";
import { sameOriginHref } from "../../src/http/transport-fetch.js";

const origin = "http://127.0.0.1:8443";

/** What the origin guard must answer: `new URL(url).href` on the origin, else undefined. */
function expected(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.origin === origin ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

describe("sameOriginHref (the origin guard without a URL per request)", () => {
  it("answers what new URL(...).href answers, for the URLs openapi-fetch builds and for tricky ones", () => {
    const cases = [
      `${origin}`,
      `${origin}/`,
      `${origin}/api1/x3/erp/SEED/SORDER?representation=SORDER.%24query&count=2&where=(BPCORD%20eq%20'C0001')`,
      `${origin}/transactions/v5/data/out%2Ffile.json`,
      `${origin}/a/../b`,
      `${origin}/a/%2e%2E/b`,
      `${origin}/a/./b`,
      `${origin}/it's/here?q='x'&r=it's`,
      `${origin}/sp ace`,
      `${origin}/é`,
      `${origin}/a\\b`,
      `${origin}/a#fragment`,
      `${origin}/a?b#c'`,
      `${origin}/{braces}|pipe^`,
      `${origin}/"quoted"<>`,
      `${origin}:1/x`,
      `${origin}@evil.example/x`,
      `${origin}.evil.example/x`,
      `${origin}?x=1`,
      "HTTP://127.0.0.1:8443/upper",
      "http://127.0.0.1:8443:80/x",
      "http://127.0.0.2:8443/x",
      "https://127.0.0.1:8443/x",
      "not a url",
    ];
    for (const url of cases) expect(sameOriginHref(url, origin), url).toBe(expected(url));
  });

  it("agrees with new URL on random paths and queries", () => {
    // A fixed sequence (no wall clock, no Math.random): the same strings on every run.
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = "ab/.?'%2eE#&=:@!$()*+,;~-_ \\\"<>{}|^`é[]";
    for (let n = 0; n < 5_000; n++) {
      let tail = "/";
      const length = next() % 16;
      for (let i = 0; i < length; i++) tail += alphabet[next() % alphabet.length];
      const url = `${origin}${tail}`;
      expect(sameOriginHref(url, origin), url).toBe(expected(url));
    }
  });
});
