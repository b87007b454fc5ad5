/**
 * A parser and evaluator for the SData where clauses the sandbox understands:
 * `FIELD op literal` with eq ne gt ge lt le, `FIELD in (a, b)`, `FIELD between a and b`, `and`, `or`, `not`, parentheses.
 * Literals: 'strings' (quotes doubled), numbers, `@2026-11-28@` dates and `@2026-11-28T10:00:00Z@` datetimes.
 */

export type Literal = string | number;

export type WhereNode =
  | { type: "compare"; field: string; op: "eq" | "ne" | "gt" | "ge" | "lt" | "le"; value: Literal }
  | { type: "in"; field: string; values: Literal[] }
  | { type: "between"; field: string; low: Literal; high: Literal }
  | { type: "and" | "or"; left: WhereNode; right: WhereNode }
  | { type: "not"; operand: WhereNode };

export class WhereSyntaxError extends Error {
  override name = "WhereSyntaxError";
}

type Token =
  | { kind: "ident"; text: string }
  | { kind: "literal"; value: Literal }
  | { kind: "punct"; text: "(" | ")" | "," };

const comparisons = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: "punct", text: ch });
      i += 1;
    } else if (ch === "'") {
      let value = "";
      i += 1;
      for (;;) {
        if (i >= input.length) throw new WhereSyntaxError("Unterminated string literal.");
        const c = input.charAt(i);
        if (c === "'") {
          if (input.charAt(i + 1) === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += c;
        i += 1;
      }
      tokens.push({ kind: "literal", value });
    } else if (ch === "@") {
      const end = input.indexOf("@", i + 1);
      if (end < 0) throw new WhereSyntaxError("Unterminated date literal.");
      const text = input.slice(i + 1, end);
      if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/.test(text) || Number.isNaN(Date.parse(text))) {
        throw new WhereSyntaxError(`Invalid date literal @${text}@.`);
      }
      tokens.push({ kind: "literal", value: text.length > 10 ? `${text.slice(0, 19)}Z` : text });
      i = end + 1;
    } else if (/[-0-9]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?/.exec(input.slice(i));
      if (!match) throw new WhereSyntaxError(`Unexpected "${ch}".`);
      tokens.push({ kind: "literal", value: Number(match[0]) });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i));
      const text = match?.[0] ?? ch;
      tokens.push({ kind: "ident", text });
      i += text.length;
    } else {
      throw new WhereSyntaxError(`Unexpected "${ch}".`);
    }
  }
  return tokens;
}

export function parseWhere(input: string): WhereNode {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (token: Token | undefined, word: string): boolean =>
    token?.kind === "ident" && token.text.toLowerCase() === word;
  const expectPunct = (text: string) => {
    const token = tokens[pos];
    if (token?.kind !== "punct" || token.text !== text) throw new WhereSyntaxError(`Expected "${text}".`);
    pos += 1;
  };
  const literal = (): Literal => {
    const token = tokens[pos];
    if (token?.kind !== "literal") throw new WhereSyntaxError("Expected a literal.");
    pos += 1;
    return token.value;
  };

  const primary = (): WhereNode => {
    const token = peek();
    if (token?.kind === "punct" && token.text === "(") {
      pos += 1;
      const inner = orExpr();
      expectPunct(")");
      return inner;
    }
    if (isWord(token, "not")) {
      pos += 1;
      return { type: "not", operand: primary() };
    }
    if (token?.kind !== "ident") throw new WhereSyntaxError("Expected a property name.");
    pos += 1;
    const field = token.text;
    const op = tokens[pos];
    if (op?.kind !== "ident") throw new WhereSyntaxError(`Expected an operator after ${field}.`);
    const opText = op.text.toLowerCase();
    pos += 1;
    if (comparisons.has(opText)) {
      return { type: "compare", field, op: opText as "eq", value: literal() };
    }
    if (opText === "in") {
      expectPunct("(");
      const values = [literal()];
      while (peek()?.kind === "punct" && (peek() as { text: string }).text === ",") {
        pos += 1;
        values.push(literal());
      }
      expectPunct(")");
      return { type: "in", field, values };
    }
    if (opText === "between") {
      const low = literal();
      if (!isWord(peek(), "and")) throw new WhereSyntaxError('Expected "and" in between.');
      pos += 1;
      return { type: "between", field, low, high: literal() };
    }
    throw new WhereSyntaxError(`Unknown operator "${op.text}".`);
  };
  const andExpr = (): WhereNode => {
    let left = primary();
    while (isWord(peek(), "and")) {
      pos += 1;
      left = { type: "and", left, right: primary() };
    }
    return left;
  };
  const orExpr = (): WhereNode => {
    let left = andExpr();
    while (isWord(peek(), "or")) {
      pos += 1;
      left = { type: "or", left, right: andExpr() };
    }
    return left;
  };

  const node = orExpr();
  if (pos !== tokens.length) throw new WhereSyntaxError("Unexpected text after the end of the clause.");
  return node;
}

/** Every property the clause names, to check them against the representation. */
export function whereFields(node: WhereNode): string[] {
  switch (node.type) {
    case "and":
    case "or":
      return [...whereFields(node.left), ...whereFields(node.right)];
    case "not":
      return whereFields(node.operand);
    default:
      return [node.field];
  }
}

/** Orders two values the way the sandbox sorts: missing first, numbers numerically, strings by code point. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number" && typeof b === "string" && b.trim() !== "" && !Number.isNaN(Number(b))) {
    return a - Number(b);
  }
  if (typeof b === "number" && typeof a === "string" && a.trim() !== "" && !Number.isNaN(Number(a))) {
    return Number(a) - b;
  }
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

export function evaluateWhere(node: WhereNode, record: Record<string, unknown>): boolean {
  switch (node.type) {
    case "and":
      return evaluateWhere(node.left, record) && evaluateWhere(node.right, record);
    case "or":
      return evaluateWhere(node.left, record) || evaluateWhere(node.right, record);
    case "not":
      return !evaluateWhere(node.operand, record);
    case "in":
      return node.values.some((value) => compareValues(record[node.field], value) === 0);
    case "between": {
      const value = record[node.field];
      return compareValues(value, node.low) >= 0 && compareValues(value, node.high) <= 0;
    }
    case "compare": {
      const value = record[node.field];
      if (value === undefined || value === null) return node.op === "ne";
      const order = compareValues(value, node.value);
      switch (node.op) {
        case "eq":
          return order === 0;
        case "ne":
          return order !== 0;
        case "gt":
          return order > 0;
        case "ge":
          return order >= 0;
        case "lt":
          return order < 0;
        case "le":
          return order <= 0;
      }
    }
  }
  return false;
}
