import { describe, expect, it } from "vitest";
import {
  boundLogText,
  boundLogValue,
  createSafeLogger,
  MAX_LOG_CHARS,
  maskUrlPasswords,
  parseSecureUrl,
  redactText,
  redactValue,
  resolveSameOrigin,
} from "../../src/index.js";

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

  it("skips a level the logger says is off (pino's isLevelEnabled), without redacting anything", () => {
    const lines: unknown[] = [];
    let secretReads = 0;
    let enabled = "info";
    const order = ["debug", "info", "warn", "error"];
    const pinoLike = {
      isLevelEnabled: (level: string) => order.indexOf(level) >= order.indexOf(enabled),
      debug: (fields: Record<string, unknown>) => lines.push(["debug", fields]),
      info: (fields: Record<string, unknown>) => lines.push(["info", fields]),
    };
    const logger = createSafeLogger(pinoLike, () => {
      secretReads += 1;
      return ["hunter22"];
    });
    logger.debug({ path: "out/PO1.json" }, "downloaded a file");
    expect(lines).toEqual([]);
    expect(secretReads).toBe(0);
    logger.info({ detail: "hunter22" }, "created");
    expect(lines).toEqual([["info", { detail: "[redacted]" }]]);
    // Read at each call: a level turned on later is logged.
    enabled = "debug";
    logger.debug({ path: "out/PO1.json" }, "downloaded a file");
    expect(lines).toHaveLength(2);
  });
});

describe("passwords inside URLs", () => {
  it("are masked as user:***@ wherever a URL appears, with or without a list of secrets", () => {
    expect(maskUrlPasswords("store postgres://etl:s3cr@t!@db.example.com:5432/ml?x=a@b down")).toBe(
      "store postgres://etl:***@db.example.com:5432/ml?x=a@b down",
    );
    expect(maskUrlPasswords("https://ops@corp:Zq%40x@x3.example.com/api")).toBe(
      "https://ops@corp:***@x3.example.com/api",
    );
    expect(redactText('{"url":"postgres://u:pw-in-url@h/db"}')).toBe('{"url":"postgres://u:***@h/db"}');
  });

  it("leave ports, paths and a later unrelated @ alone", () => {
    for (const text of [
      '{"serverUrl":"https://x3.example.com:8124","contact":"ops@example.com"}',
      "https://x3.example.com:8124/api/a@b",
      "http://user-only@host/x",
    ]) {
      expect(maskUrlPasswords(text)).toBe(text);
    }
  });

  it("a safe logger masks them in messages and fields", () => {
    const lines: unknown[] = [];
    const logger = createSafeLogger({ error: (fields, message) => lines.push({ fields, message }) });
    logger.error({ store: "postgres://etl:hunter22@db/ml" }, "cannot reach postgres://etl:hunter22@db/ml");
    const text = JSON.stringify(lines);
    expect(text).not.toContain("hunter22");
    expect(text).toContain("postgres://etl:***@db/ml");
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

describe("secrets echoed JSON-escaped", () => {
  it("a secret holding a quote or a backslash is removed as written and as JSON writes it (once or twice escaped)", () => {
    const secret = 'Zq"xY\\kW';
    const body = JSON.stringify({ error: `bad password ${secret}` });
    expect(body).toContain('Zq\\"xY\\\\kW');
    const nested = JSON.stringify({ detail: body });
    for (const text of [`raw ${secret}`, body, nested]) {
      const out = redactText(text, [secret]);
      expect(out).toContain("[redacted]");
      expect(out).not.toContain("Zq");
      expect(out).not.toContain("kW");
    }
  });
});

describe("log lines are bounded", () => {
  it("450,000 reasons log as a line of about 16 KB, with markers saying what was cut", () => {
    const lines: string[] = [];
    const logger = createSafeLogger({ warn: (fields, message) => lines.push(JSON.stringify({ message, ...fields })) });
    const reasons = Array.from({ length: 450_000 }, (_, i) => ({
      path: `LineItem[${i}].Bad`,
      message: "Unknown field",
    }));
    logger.warn({ documentId: "d1", reasons, note: "x".repeat(1_000_000) }, `rejected ${"y".repeat(100_000)}`);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line.length).toBeLessThan(MAX_LOG_CHARS + 4096);
    expect(line).toMatch(/more items cut/);
    expect(line).toMatch(/characters cut/);
    const parsed = JSON.parse(line) as { documentId: string; reasons: unknown[]; message: string };
    expect(parsed.documentId).toBe("d1");
    expect(parsed.reasons.at(-1)).toMatch(/^\[… [\d,]+ more items cut\]$/);
    expect(parsed.message.length).toBeLessThan(2200);
  });

  it("bounds strings, lists, objects and depth; small values pass unchanged", () => {
    const small = { a: 1, b: ["x", "y"], c: { d: null, e: true } };
    expect(boundLogValue(small)).toEqual(small);
    expect(boundLogText("abcdef", 3)).toBe("abc… [3 characters cut]");
    expect(boundLogValue({ big: "z".repeat(50), more: "w", rest: 1 }, 10)).toEqual({
      big: "zzz… [47 characters cut]",
      "…": "2 more fields cut",
    });
    let deep: unknown = "bottom";
    for (let i = 0; i < 20; i++) deep = { deep };
    expect(JSON.stringify(boundLogValue(deep))).toContain("[deep]");
  });

  it("a secret cut by the bound is not shown, even in part", () => {
    const lines: string[] = [];
    const secret = "S3CRET-TOKEN-VALUE-0123456789";
    const logger = createSafeLogger({ info: (fields) => lines.push(JSON.stringify(fields)) }, () => [secret]);
    for (let offset = MAX_LOG_CHARS - 40; offset < MAX_LOG_CHARS + 10; offset += 7) {
      logger.info({ body: `${"a".repeat(offset)}${secret}${"b".repeat(100)}` });
    }
    for (const line of lines) expect(line).not.toContain("S3CRET-TOKEN");
  });
});
