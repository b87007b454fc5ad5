import type { RsxIssue } from "../validate/issues.js";

export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly issue: RsxIssue };

function fail(code: string, message: string): Decoded {
  return { ok: false, issue: { path: "", code, message } };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** UTF-8 byte length of a string, without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const UTF16_MESSAGE =
  "The file is UTF-16 encoded; RSX files must be UTF-8. Re-save or convert it as UTF-8 (a UTF-8 byte-order mark is fine).";

function tooLarge(size: number, limit: number): Decoded {
  return fail(
    "too_large",
    `The input is ${formatBytes(size)}, over the ${formatBytes(limit)} limit: check the file, or raise maxBytes if such documents are expected.`,
  );
}

// One decoder for every call: decoding without `stream` keeps no state between calls, and a TextDecoder per call
// cost more than decoding a 2 KB document.
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Turns the input into text: the size limit is checked first (before any decoding), UTF-16 is refused with a
 * clear issue, invalid UTF-8 is refused, and a UTF-8 byte-order mark is dropped.
 */
export function decodeInput(input: string | Uint8Array, maxBytes: number): Decoded {
  if (typeof input === "string") {
    if (input.length > maxBytes) return tooLarge(input.length, maxBytes);
    if (input.length * 3 > maxBytes) {
      const size = utf8Length(input);
      if (size > maxBytes) return tooLarge(size, maxBytes);
    }
    // Bytes of a UTF-16 file read as Latin-1/UTF-8 start with a mangled BOM or interleave NULs.
    if (/^(\u00ff\u00fe|\u00fe\u00ff|\ufffd\ufffd|\ufffe)/.test(input) || input.slice(0, 64).includes("\u0000")) {
      return fail("encoding", UTF16_MESSAGE);
    }
    return { ok: true, text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input };
  }
  if (!(input instanceof Uint8Array)) return fail("invalid_type", "parseRsx needs a string or a Uint8Array (bytes).");
  if (input.byteLength > maxBytes) return tooLarge(input.byteLength, maxBytes);
  const b0 = input[0];
  const b1 = input[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return fail("encoding", UTF16_MESSAGE);
  // Read in place: a view of the head, or of the bytes after no byte-order mark, is an object of its own per file.
  const headEnd = Math.min(input.byteLength, 64);
  for (let index = 0; index < headEnd; index++) if (input[index] === 0) return fail("encoding", UTF16_MESSAGE);
  const bom = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf;
  try {
    return { ok: true, text: utf8Decoder.decode(bom ? input.subarray(3) : input) };
  } catch {
    return fail(
      "encoding",
      "The file is not valid UTF-8 (perhaps Windows-1252 or Latin-1): convert it to UTF-8 before sending it.",
    );
  }
}
