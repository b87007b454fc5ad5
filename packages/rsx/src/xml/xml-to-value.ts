import { unescapeXml } from "./entities.js";
import { type ShapePlan, unknownPlan } from "./shape-plan.js";

const TEXT = "#text";
const CDATA = "#cdata";

/**
 * The text of a leaf element: entity-decoded text plus CDATA sections taken literally. Undefined when the node
 * is not a text leaf (it has child elements), so the schema can report it.
 */
function leafText(node: unknown): string | undefined {
  if (typeof node === "string") return unescapeXml(node);
  if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0 || keys.some((k) => k !== TEXT && k !== CDATA)) return undefined;
  const text = typeof record[TEXT] === "string" ? unescapeXml(record[TEXT] as string) : "";
  const cdata = record[CDATA];
  const sections = Array.isArray(cdata) ? cdata.map(String) : cdata === undefined ? [] : [String(cdata)];
  return text + sections.join("");
}
/** The value of a leaf element as read: decoded text, collapsed unless it is free text (see below). */
export function xmlLeafValue(node: unknown, name?: string): unknown {
  const text = leafText(node);
  if (text === undefined) return convertUnknown(node);
  return name !== undefined && isFreeTextField(name) ? text : collapseWhitespace(text);
}

/**
 * Free text keeps its whitespace as written (XML Schema `preserve`, as for xs:string); every other value (codes,
 * dates, times, numbers, identifiers) is collapsed (XML Schema `collapse`: trimmed, inner runs made one space), so a
 * pretty-printed `<TsetPurposeCode>\n  00\n</TsetPurposeCode>` reads as "00". Lengths are checked after collapsing.
 */
export function isFreeTextField(name: string): boolean {
  return name === "Note" || name === "NoteInformationField" || name.endsWith("Description");
}

/** XML Schema's whiteSpace="collapse" (XML whitespace only: space, tab, CR, LF). */
export function collapseWhitespace(text: string): string {
  return /^[^ \t\r\n]*$/.test(text) ? text : text.replace(/[ \t\r\n]+/g, " ").replace(/^ | $/g, "");
}

const NUMBER_PATTERN = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * Converts the XML reader's tree (every leaf a string) into the JSON form of the document, guided by the shape
 * plan: single elements of repeating groups become one-element arrays, number leaves become numbers (text
 * that is not a number stays text, so the schema reports it at its path), booleans become booleans, strings stay
 * exactly as written ("00" stays "00"). Properties the schema does not know are kept, so it can report them.
 */
export function xmlNodeToValue(node: unknown, plan: ShapePlan): unknown {
  switch (plan.kind) {
    case "array": {
      if (Array.isArray(node)) return node.map((entry) => xmlNodeToValue(entry, plan.element));
      return [xmlNodeToValue(node, plan.element)];
    }
    case "object": {
      if (typeof node === "string") return node.trim() === "" ? {} : unescapeXml(node);
      if (node === null || typeof node !== "object" || Array.isArray(node)) return convertUnknown(node);
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
        if (key === TEXT) {
          if (typeof child === "string" && child.trim() !== "") out[TEXT] = unescapeXml(child);
          continue;
        }
        const childPlan = plan.field(key);
        // Defined, not assigned: an element named `__proto__` must stay a key the schema reports, never a prototype.
        Object.defineProperty(out, key, {
          value:
            childPlan === undefined
              ? convertUnknown(child)
              : childPlan.kind === "string" && isFreeTextField(key)
                ? (leafText(child) ?? convertUnknown(child))
                : xmlNodeToValue(child, childPlan),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case "number": {
      const text = leafText(node);
      if (text !== undefined && NUMBER_PATTERN.test(text)) return Number(text);
      return text === undefined ? convertUnknown(node) : collapseWhitespace(text);
    }
    case "boolean": {
      const text = leafText(node);
      if (text === undefined) return convertUnknown(node);
      const collapsed = collapseWhitespace(text);
      if (collapsed === "true") return true;
      if (collapsed === "false") return false;
      return collapsed;
    }
    case "string": {
      const text = leafText(node);
      return text === undefined ? convertUnknown(node) : collapseWhitespace(text);
    }
    default:
      return convertUnknown(node);
  }
}

function convertUnknown(node: unknown): unknown {
  const text = leafText(node);
  if (text !== undefined) return text;
  if (Array.isArray(node)) return node.map(convertUnknown);
  if (node !== null && typeof node === "object") {
    const entries = Object.entries(node as Record<string, unknown>).filter(
      ([key, value]) => key !== TEXT || (typeof value === "string" && value.trim() !== ""),
    );
    return Object.fromEntries(entries.map(([key, value]) => [key, xmlNodeToValue(value, unknownPlan)]));
  }
  return node;
}
