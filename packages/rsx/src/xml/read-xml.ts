import { lineColumn } from "../parse/position.js";
import type { RsxIssue } from "../validate/issues.js";

/**
 * Bounds on what one XML document may hold. RSX documents need far less (no attributes but namespace declarations,
 * element names under 40 characters, about one element per line of a printed file), so a file beyond them is
 * refused with a `too_complex` issue as soon as the bound is passed, before it costs more.
 */
export interface XmlReadLimits {
  /** Elements nested deeper than this are refused (`too_deep`). */
  readonly maxDepth: number;
  /** Elements in the whole document. */
  readonly maxElements: number;
  /** Attributes on one element. */
  readonly maxAttributes: number;
  /** Characters in an element or attribute name (prefix included). */
  readonly maxNameLength: number;
}

/** A 10 MB RSX XML file at the densest (one element per ~30 bytes) holds about 350,000 elements. */
export const XML_LIMITS: Omit<XmlReadLimits, "maxDepth"> = {
  maxElements: 500_000,
  maxAttributes: 64,
  maxNameLength: 256,
};

/**
 * The tree of an XML document: an element with neither child elements nor CDATA is its text (raw, references not
 * decoded); any other element is an object of its children by local name (a name seen more than once holds a list),
 * plus `#text` (its text, when not blank) and `#cdata` (one section, or a list of them).
 */
export type XmlReadResult =
  | {
      readonly ok: true;
      /** Local name of the root element (its prefix removed). */
      readonly rootName: string;
      readonly root: unknown;
      /** The namespace the root element's name is in, when declared on the root itself. */
      readonly rootNamespace: string | undefined;
    }
  | { readonly ok: false; readonly issue: RsxIssue; readonly tooDeep?: true };

interface Frame {
  readonly qname: string;
  readonly local: string;
  readonly start: number;
  children: Record<string, unknown> | undefined;
  text: string;
  cdata: string[] | undefined;
}

const NAME =
  /^[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*(?::[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?$/;
const REFERENCE = /^&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z_][\w.-]{0,31});/;
const DECLARATION =
  /^<\?xml\s+version\s*=\s*(["'])[^"'<>]*\1(?:\s+encoding\s*=\s*(["'])[^"'<>]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>$/;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function isBlank(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (!isSpace(text.charCodeAt(j))) return false;
  return true;
}

/** A name as it may be shown in a message: at most 60 characters. */
const shown = (name: string) => (name.length > 60 ? `${name.slice(0, 60)}…` : name);

const localName = (qname: string) => {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
};

/**
 * Reads an XML document in one forward pass, without recursion and without expanding any entity (a DOCTYPE is
 * refused), checking that it is well formed and within `limits`: its cost is linear in its size, and bounded in
 * memory by the tree it returns. Never throws on bad input; the first problem is returned with its line and column.
 */
export function readXml(text: string, limits: XmlReadLimits): XmlReadResult {
  return new XmlReader(text, limits).read();
}

class XmlReader {
  private i = 0;
  private readonly stack: Frame[] = [];
  private elements = 0;
  private root: { name: string; value: unknown } | undefined;
  private rootNamespace: string | undefined;
  /** Cached position of the next `&` (amortised: never searched twice over the same characters). */
  private nextAmp = -1;

  constructor(
    private readonly text: string,
    private readonly limits: XmlReadLimits,
  ) {}

  read(): XmlReadResult {
    try {
      return this.readDocument();
    } catch (error) {
      if (error instanceof XmlProblem)
        return { ok: false, issue: error.issue, ...(error.tooDeep ? { tooDeep: true } : {}) };
      throw error;
    }
  }

  private readDocument(): XmlReadResult {
    const { text } = this;
    const n = text.length;
    while (this.i < n) {
      const lt = text.indexOf("<", this.i);
      const end = lt < 0 ? n : lt;
      if (end > this.i) this.readText(this.i, end);
      if (lt < 0) break;
      this.i = lt;
      const next = text.charCodeAt(lt + 1);
      if (next === 63 /* ? */) this.readProcessingInstruction();
      else if (next === 33 /* ! */) this.readBang();
      else if (next === 47 /* / */) this.readEndTag();
      else this.readStartTag();
    }
    if (this.stack.length > 0) {
      const { line, column } = lineColumn(text, n);
      throw new XmlProblem({
        path: "",
        code: "syntax",
        message: `Invalid XML: the input ends at line ${line}, column ${column} with ${this.stack.length} element(s) still open (${this.stack
          .map((f) => `<${shown(f.qname)}>`)
          .join(", ")}); the file looks truncated: was it fully downloaded?`,
      });
    }
    if (this.root === undefined) throw this.syntax(n, "there is no root element (no start tag).");
    return { ok: true, rootName: this.root.name, root: this.root.value, rootNamespace: this.rootNamespace };
  }

  private syntax(offset: number, message: string): XmlProblem {
    const { line, column } = lineColumn(this.text, offset);
    return new XmlProblem({
      path: "",
      code: "syntax",
      message: `Invalid XML at line ${line}, column ${column}: ${message}`,
    });
  }

  private truncatedIn(offset: number, tag: string): XmlProblem {
    return this.syntax(
      offset,
      `the input ends inside the tag ${tag}; the file looks truncated: was it fully downloaded?`,
    );
  }

  private tooComplex(offset: number, message: string): XmlProblem {
    const { line, column } = lineColumn(this.text, offset);
    return new XmlProblem({
      path: "",
      code: "too_complex",
      message: `The XML was refused at line ${line}, column ${column}: ${message} An RSX document needs far less, so this file is not one (or is built to exhaust the reader).`,
    });
  }

  /** Text between markup: checked (references, nothing outside the root) and kept on the open element. */
  private readText(from: number, to: number): void {
    const { text } = this;
    const frame = this.stack.at(-1);
    if (frame === undefined) {
      for (let j = from; j < to; j++) {
        if (!isSpace(text.charCodeAt(j))) {
          throw this.syntax(
            j,
            this.root === undefined ? "text before the root element." : "text after the root element.",
          );
        }
      }
      this.i = to;
      return;
    }
    this.checkReferences(from, to);
    // Blank text between child elements is never used: not kept (an element with 100,000 children).
    if (frame.children === undefined || !isBlank(text, from, to)) frame.text += text.slice(from, to);
    this.i = to;
  }

  /** Every `&` in [from, to) starts a well-formed reference (`&amp;`, `&#38;`, `&#x26;`, `&name;`). */
  private checkReferences(from: number, to: number): void {
    const { text } = this;
    for (;;) {
      if (this.nextAmp < from) this.nextAmp = text.indexOf("&", from);
      if (this.nextAmp < 0) {
        this.nextAmp = Number.MAX_SAFE_INTEGER;
        return;
      }
      if (this.nextAmp >= to) return;
      const at = this.nextAmp;
      if (!REFERENCE.test(text.slice(at, Math.min(at + 40, to)))) {
        throw this.syntax(at, "'&' must start a reference such as &amp; or &#38; (escape it as &amp;).");
      }
      from = at + 1;
    }
  }

  private readProcessingInstruction(): void {
    const { text } = this;
    const start = this.i;
    const end = text.indexOf("?>", start + 2);
    if (end < 0) throw this.syntax(start, "a processing instruction (<?...) is not closed with '?>'.");
    const target = /^[^\s?]*/.exec(text.slice(start + 2, Math.min(end, start + 2 + this.limits.maxNameLength)))?.[0];
    if (target?.toLowerCase() === "xml") {
      if (start !== 0)
        throw this.syntax(start, "the <?xml ...?> declaration is allowed only at the very start of the file.");
      if (!DECLARATION.test(text.slice(start, end + 2))) {
        throw this.syntax(start, "the <?xml ...?> declaration is malformed; check the start of the file.");
      }
    } else if (!target || !NAME.test(target)) {
      throw this.syntax(start, "a processing instruction (<?...?>) needs a name.");
    }
    this.i = end + 2;
  }

  /** Comments and CDATA sections; anything else starting with `<!` (a DOCTYPE) is refused. */
  private readBang(): void {
    const { text } = this;
    const start = this.i;
    if (text.startsWith("<!--", start)) {
      const end = text.indexOf("-->", start + 4);
      if (end < 0) throw this.syntax(start, "a comment (<!--) is not closed with '-->'.");
      this.i = end + 3;
      return;
    }
    if (text.startsWith("<![CDATA[", start)) {
      const frame = this.stack.at(-1);
      if (frame === undefined) throw this.syntax(start, "a CDATA section outside the root element.");
      const end = text.indexOf("]]>", start + 9);
      if (end < 0) throw this.syntax(start, "a CDATA section (<![CDATA[) is not closed with ']]>'.");
      frame.cdata ??= [];
      frame.cdata.push(text.slice(start + 9, end));
      this.i = end + 3;
      return;
    }
    throw this.syntax(start, "declarations (<!DOCTYPE, <!ENTITY...) are not allowed.");
  }

  /** A name starting at `from`, bounded by the name length limit; `what` says whose it is in messages. */
  private readName(from: number, what: string): string {
    const { text } = this;
    const max = this.limits.maxNameLength;
    let j = from;
    const stop = Math.min(text.length, from + max + 1);
    for (; j < stop; j++) {
      const c = text.charCodeAt(j);
      if (isSpace(c) || c === 62 /* > */ || c === 47 /* / */ || c === 61 /* = */ || c === 60 /* < */) break;
    }
    if (j - from > max) throw this.tooComplex(from, `${what} is longer than ${max} characters.`);
    const name = text.slice(from, j);
    if (!NAME.test(name)) {
      throw this.syntax(
        from,
        name === "" ? `${what} is missing.` : `${what} '${shown(name)}' is not a valid XML name.`,
      );
    }
    return name;
  }

  private skipSpaces(): void {
    const { text } = this;
    while (this.i < text.length && isSpace(text.charCodeAt(this.i))) this.i++;
  }

  private readStartTag(): void {
    const { text, limits } = this;
    const start = this.i;
    if (this.root !== undefined && this.stack.length === 0) {
      throw this.syntax(start, "a second root element: an XML file has exactly one.");
    }
    const qname = this.readName(start + 1, "the element name");
    this.i = start + 1 + qname.length;
    if (++this.elements > limits.maxElements) {
      throw this.tooComplex(start, `it holds more than ${limits.maxElements.toLocaleString("en-US")} elements.`);
    }
    const attributes: string[] = [];
    let declared: Map<string, string> | undefined;
    for (;;) {
      const before = this.i;
      this.skipSpaces();
      if (this.i >= text.length) throw this.truncatedIn(start, `<${shown(qname)}`);
      const c = text.charCodeAt(this.i);
      if (c === 60 /* < */) throw this.syntax(this.i, `the tag <${shown(qname)}> is not closed with '>'.`);
      if (c === 62 /* > */) {
        // Only an element that can hold others opens a level (a self-closing one is as deep as a text).
        if (this.stack.length + 1 > limits.maxDepth)
          throw new XmlProblem({ path: "", code: "too_deep", message: "" }, true);
        this.i++;
        this.open(qname, start, declared);
        return;
      }
      if (c === 47 /* / */) {
        if (text.charCodeAt(this.i + 1) !== 62)
          throw this.syntax(this.i, `'/' in <${shown(qname)}> must be followed by '>'.`);
        this.i += 2;
        this.open(qname, start, declared);
        this.close();
        return;
      }
      if (this.i === before) throw this.syntax(this.i, `attributes of <${shown(qname)}> must be separated by spaces.`);
      const nameAt = this.i;
      const name = this.readName(nameAt, `an attribute name of <${shown(qname)}>`);
      if (attributes.length >= limits.maxAttributes) {
        throw this.tooComplex(nameAt, `<${shown(qname)}> has more than ${limits.maxAttributes} attributes.`);
      }
      if (attributes.includes(name)) throw this.syntax(nameAt, `attribute '${shown(name)}' is repeated.`);
      attributes.push(name);
      this.i = nameAt + name.length;
      this.skipSpaces();
      if (text.charCodeAt(this.i) !== 61 /* = */) {
        throw this.syntax(this.i, `attribute '${shown(name)}' has no value (write ${shown(name)}="...").`);
      }
      this.i++;
      this.skipSpaces();
      const quote = text.charCodeAt(this.i);
      if (quote !== 34 && quote !== 39)
        throw this.syntax(this.i, `the value of attribute '${shown(name)}' is not quoted.`);
      const valueStart = this.i + 1;
      let j = valueStart;
      for (; j < text.length; j++) {
        const v = text.charCodeAt(j);
        if (v === quote) break;
        if (v === 60 /* < */)
          throw this.syntax(j, `'<' in the value of attribute '${shown(name)}' (escape it as &lt;).`);
      }
      if (j >= text.length) {
        throw this.syntax(valueStart - 1, `the value of attribute '${shown(name)}' is not closed.`);
      }
      this.checkReferences(valueStart, j);
      if (name === "xmlns" || name.startsWith("xmlns:")) {
        declared ??= new Map();
        declared.set(name, text.slice(valueStart, j));
      }
      this.i = j + 1;
    }
  }

  private open(qname: string, start: number, declared: Map<string, string> | undefined): void {
    if (this.stack.length === 0) {
      const colon = qname.indexOf(":");
      this.rootNamespace = declared?.get(colon < 0 ? "xmlns" : `xmlns:${qname.slice(0, colon)}`);
    }
    this.stack.push({ qname, local: localName(qname), start, children: undefined, text: "", cdata: undefined });
  }

  private readEndTag(): void {
    const { text } = this;
    const start = this.i;
    const qname = this.readName(start + 2, "the end tag's name");
    this.i = start + 2 + qname.length;
    this.skipSpaces();
    if (text.charCodeAt(this.i) !== 62) {
      if (this.i >= text.length) throw this.truncatedIn(start, `</${shown(qname)}`);
      throw this.syntax(this.i, `the end tag </${shown(qname)}> must close with '>'.`);
    }
    const frame = this.stack.at(-1);
    if (frame === undefined) throw this.syntax(start, `the end tag </${shown(qname)}> closes no open element.`);
    if (frame.qname !== qname) {
      const opened = lineColumn(text, frame.start);
      throw this.syntax(
        start,
        `expected the end tag </${shown(frame.qname)}> (opened at line ${opened.line}, column ${opened.column}) instead of </${shown(qname)}>.`,
      );
    }
    this.i++;
    this.close();
  }

  /** Closes the innermost element: its value goes to its parent (or becomes the root). */
  private close(): void {
    const frame = this.stack.pop() as Frame;
    let value: unknown;
    if (frame.children === undefined && frame.cdata === undefined) value = frame.text;
    else {
      const node: Record<string, unknown> = frame.children ?? {};
      if (frame.text.trim() !== "") node["#text"] = frame.text;
      if (frame.cdata !== undefined) node["#cdata"] = frame.cdata.length === 1 ? frame.cdata[0] : frame.cdata;
      value = node;
    }
    const parent = this.stack.at(-1);
    if (parent === undefined) {
      this.root = { name: frame.local, value };
      return;
    }
    parent.children ??= Object.create(null) as Record<string, unknown>;
    const children = parent.children;
    // An element's value is text or an object, never a list: a list is always a name seen more than once.
    const existing = children[frame.local];
    if (existing === undefined) children[frame.local] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else children[frame.local] = [existing, value];
  }
}

class XmlProblem extends Error {
  constructor(
    readonly issue: RsxIssue,
    readonly tooDeep = false,
  ) {
    super(issue.message);
  }
}
