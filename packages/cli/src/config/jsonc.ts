/**
 * JSON with comments (as tsconfig.json): `//` and `/* *\/` comments and trailing commas are removed outside strings,
 * then the text is parsed as JSON. Line numbers survive (comments become spaces), so JSON errors still point right.
 */
export function parseJsonc(text: string): unknown {
  return JSON.parse(stripJsonc(text.replace(/^\uFEFF/, "")));
}

export function stripJsonc(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    const next = text[i + 1] ?? "";
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "/" && next === "/") {
      while (i < text.length && text[i] !== "\n") {
        out += " ";
        i += 1;
      }
    } else if (ch === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else {
      out += ch;
      i += 1;
    }
  }
  // Trailing commas before } or ] (outside strings: strings were copied verbatim and cannot end in `,}`... unless
  // quoted; guard by only removing commas followed by whitespace then a closing bracket).
  return removeTrailingCommas(out);
}

function removeTrailingCommas(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === ",") {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] ?? "")) j += 1;
      if (text[j] === "}" || text[j] === "]") {
        out += " ";
        i += 1;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** A place in a text file, both counted from 1. */
export interface TextPosition {
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

/**
 * Where the value at `path` starts in a JSONC text that parsed: so that a schema error can say "line 12, column 17"
 * like a syntax error does. A path that does not exist (a required field left out) gives the deepest object or array
 * that does, which is where the field belongs. Works on the comment-stripped text, whose offsets are the original's.
 */
export function jsonPathPosition(text: string, path: readonly PropertyKey[]): TextPosition {
  const json = stripJsonc(text);
  let i = 0;
  const skipSpace = () => {
    while (i < json.length && /\s/.test(json[i] ?? "")) i += 1;
  };
  const skipString = () => {
    i += 1;
    while (i < json.length && json[i] !== '"') i += json[i] === "\\" ? 2 : 1;
    i += 1;
  };
  /** Skips one value of any kind; containers by depth, so that no recursion can exhaust the stack. */
  const skipValue = () => {
    let depth = 0;
    do {
      const ch = json[i];
      if (ch === '"') skipString();
      else {
        if (ch === "{" || ch === "[") depth += 1;
        else if (ch === "}" || ch === "]") depth -= 1;
        else if (depth === 0 && (ch === "," || /\s/.test(ch ?? ""))) return;
        i += 1;
      }
    } while (i < json.length && depth > 0);
    if (depth === 0) while (i < json.length && !/[\s,}\]]/.test(json[i] ?? "")) i += 1;
  };

  skipSpace();
  let found = i;
  for (const segment of path) {
    const open = json[i];
    if (open !== "{" && open !== "[") break;
    i += 1;
    let index = 0;
    let descended = false;
    for (skipSpace(); i < json.length && json[i] !== "}" && json[i] !== "]"; skipSpace()) {
      let key: string | number = index;
      if (open === "{") {
        const keyStart = i;
        skipString();
        key = JSON.parse(json.slice(keyStart, i)) as string;
        skipSpace();
        i += 1; // the colon
        skipSpace();
      }
      if (String(key) === String(segment)) {
        descended = true;
        break;
      }
      skipValue();
      skipSpace();
      if (json[i] === ",") i += 1;
      index += 1;
    }
    if (!descended) break;
    found = i;
  }
  return positionAt(json, found);
}
