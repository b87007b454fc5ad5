/** Characters of text (strings and names) in one log record, at most: a log line stays in the tens of KB. */
export const MAX_LOG_CHARS = 16_384;
const MAX_DEPTH = 8;

/**
 * A copy of `value` whose strings, names and list items add up to at most `maxChars` characters, in the order they
 * are met: a string is cut with `… [N characters cut]`, a list or an object past the budget ends with a marker
 * saying how many items or fields were left out. A run's 450,000 reasons log as a line of about 16 KB, not 100 MB.
 */
export function boundLogValue(value: unknown, maxChars: number = MAX_LOG_CHARS): unknown {
  const budget = { left: maxChars };
  return bound(value, budget, 0);
}

/** `text` cut to `maxChars`, with a marker saying how much was cut. */
export function boundLogText(text: string, maxChars: number = MAX_LOG_CHARS): string {
  return text.length <= maxChars
    ? text
    : `${text.slice(0, maxChars)}… [${(text.length - maxChars).toLocaleString("en-US")} characters cut]`;
}

function bound(value: unknown, budget: { left: number }, depth: number): unknown {
  if (typeof value === "string") {
    const keep = Math.max(0, budget.left);
    budget.left -= Math.min(value.length, keep) + 3; // with its quotes and a comma
    return boundLogText(value, keep);
  }
  if (value === null || typeof value !== "object") {
    budget.left -= 8;
    return value;
  }
  if (depth >= MAX_DEPTH) {
    budget.left -= 8;
    return "[deep]";
  }
  if (value instanceof Date) {
    budget.left -= 24;
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  }
  if (value instanceof Error) return bound({ name: value.name, message: value.message }, budget, depth);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      if (budget.left <= 0) {
        out.push(`[… ${(value.length - i).toLocaleString("en-US")} more items cut]`);
        break;
      }
      out.push(bound(value[i], budget, depth + 1));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (budget.left <= 0) {
      out["…"] = `${(keys.length - i).toLocaleString("en-US")} more fields cut`;
      break;
    }
    const name = boundLogText(key, Math.max(64, budget.left));
    budget.left -= name.length + 4;
    out[name] = bound((value as Record<string, unknown>)[key], budget, depth + 1);
  }
  return out;
}
