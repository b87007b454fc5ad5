const redactedMark = "[redacted]";

/** Keys whose values are secrets wherever they appear in a logged object. */
const secretKeyPattern =
  /^(authorization|access_?token|refresh_?token|id_?token|client_?secret|password|secret|api_?key|code_?verifier|assertion|token)$/i;

/**
 * `scheme://user:password@` in text. The user part may hold `@` (the last `@` before the host ends the userinfo, as URL
 * parsers read it); neither part crosses whitespace, `/`, `?`, `#`, `"`, `\`, `<>` or a backquote, so a host's `:port`
 * followed later in a JSON line by an unrelated `@` is not taken for a password. The lengths are bounded so that hostile
 * text (a megabyte of `a://a://...`) costs linear time.
 */
const urlPasswordPattern = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s:/?#"<>\\`]{0,1024}):([^\s/?#"<>\\`]{1,1024})@/gi;

/** What a URL's password becomes: `postgres://user:***@host/db` still reads as a URL. */
const maskedUrlPassword = "***";

/**
 * Masks the passwords written inside URLs (`postgres://user:secret@host/db` → `postgres://user:***@host/db`), wherever
 * they appear in the text: a config value printed by the CLI, a driver's message, a log line.
 */
export function maskUrlPasswords(text: string): string {
  return text.replace(urlPasswordPattern, `$1$2:${maskedUrlPassword}@`);
}

/**
 * Removes secrets from text: passwords inside URLs, the given values, bearer/basic credentials and JWT-looking strings.
 * Applied to every log line and error message that could echo a server's words.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  // URLs first: a password that is also a known secret then leaves `user:***@`, not `user:[redacted]@`.
  let out = maskUrlPasswords(text);
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    out = out.split(secret).join(redactedMark);
    // A server echoing the secret inside JSON writes `"` as `\"` and `\` as `\\` (and control characters escaped):
    // that form is removed too, as is the form escaped twice (JSON inside a JSON string).
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) {
      out = out.split(escaped).join(redactedMark);
      const twice = JSON.stringify(escaped).slice(1, -1);
      out = out.split(twice).join(redactedMark);
    }
  }
  return out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${redactedMark}`)
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, redactedMark);
}

/** A deep copy of `value` with secret-named keys and secret values redacted. */
export function redactValue(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, depth + 1));
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message, secrets) };
  }
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = secretKeyPattern.test(key) ? redactedMark : redactValue(inner, secrets, depth + 1);
    }
    return out;
  }
  return value;
}
