/**
 * Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides, which a terminal would
 * act on (colours, cursor moves, clearing the screen, text shown reversed) instead of showing.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\t": "\\t", "\n": "\\n", "\r": "\\r", "\\": "\\\\" };

/**
 * Text from a document or a server (PO numbers, file names, reasons) as the terminal may show it: control
 * characters and escape sequences written as `\x1b`, `\t`, `\u202e`, never sent raw. Backslashes are doubled only
 * in text that holds something escaped, so a Windows path prints as written.
 */
export function printable(text: string): string {
  if (!UNPRINTABLE.test(text)) return text;
  UNPRINTABLE.lastIndex = 0;
  return text.replace(/\\/g, "\\\\").replace(UNPRINTABLE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** `printable(text)`, cut to `max` characters with a marker saying how many were cut. */
export function printableCut(text: string, max: number): string {
  const shown =
    text.length <= max
      ? text
      : `${text.slice(0, max)}… (${(text.length - max).toLocaleString("en-US")} characters cut)`;
  return printable(shown);
}
