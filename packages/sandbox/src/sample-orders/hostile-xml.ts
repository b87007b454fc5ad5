// Hostile and very large XML 850s, for the benchmarks, the reliability suite and the chaos run: files under the
// 10 MB limit built to cost a reader as much as possible, and a valid order of about 45,000 XML lines.
import { type Order, RSX_NAMESPACE, serializeRsx } from "@ml-connector/rsx";
import { make850 } from "./make-order.js";

/** The kinds of hostile XML file `hostileXml` writes. */
export const hostileXmlKinds = [
  /** `<Orders xmlns:a` followed by millions of bare attributes. */
  "bare-attributes",
  /** One element with hundreds of thousands of distinct `aN="1"` attributes. */
  "attributes",
  /** Millions of empty elements in one 850. */
  "elements",
  /** An element whose name is most of the file. */
  "long-name",
  /** One text of most of the file (a PO number of 10 MB). */
  "long-text",
  /** Elements nested millions deep. */
  "deep",
] as const;

export type HostileXmlKind = (typeof hostileXmlKinds)[number];

/** Just under 10 MB: the connector's default size limit, so these files reach the parser. */
const DEFAULT_BYTES = 10 * 1024 * 1024 - 1024;

/** `head`, then `unit` repeated as often as fits in `bytes`, then `tail`. */
function filled(bytes: number, head: string, unit: string, tail = ""): string {
  const count = Math.max(0, Math.floor((bytes - head.length - tail.length) / unit.length));
  return head + unit.repeat(count) + tail;
}

/** A hostile XML 850 of `kind`, `bytes` long at most (ASCII, so characters and bytes agree). */
export function hostileXml(kind: HostileXmlKind, bytes = DEFAULT_BYTES): string {
  const open = `<Orders xmlns="${RSX_NAMESPACE}"><Order>`;
  const close = "</Order></Orders>";
  switch (kind) {
    case "bare-attributes":
      return filled(bytes, "<Orders xmlns:a", " a");
    case "attributes": {
      const parts = [`<Orders xmlns="${RSX_NAMESPACE}"`];
      let length = parts[0]!.length + 20;
      for (let i = 0; ; i++) {
        const attribute = ` a${i}="1"`;
        if (length + attribute.length > bytes) break;
        parts.push(attribute);
        length += attribute.length;
      }
      parts.push("><Order/></Orders>");
      return parts.join("");
    }
    case "elements":
      return filled(bytes, `${open}<Header>`, "<X/>", `</Header>${close}`);
    case "long-name": {
      const name = "A".repeat(Math.max(1, Math.floor((bytes - open.length - close.length - 8) / 2)));
      return `${open}<${name}>1</${name}>${close}`;
    }
    case "long-text": {
      const head = `${open}<Header><OrderHeader><TradingPartnerId>ACME</TradingPartnerId><PurchaseOrderNumber>`;
      return filled(bytes, head, "9", `</PurchaseOrderNumber></OrderHeader></Header>${close}`);
    }
    case "deep":
      return filled(bytes, open, "<a>");
  }
}

/**
 * A valid XML 850 of the partner ACME (items of the Sage X3 sandbox's seed) of at least `xmlLines` printed lines: each order line
 * takes nine lines of indented XML, so 45,000 lines is an order of 5,000 lines (about 1.4 MB).
 */
export function largeXmlOrder(xmlLines = 45_000, po = "LARGE-1"): string {
  const lines = Math.ceil(xmlLines / 9);
  const order = make850({
    po,
    lines: Array.from({ length: lines }, (_, i) => ({
      vendorPart: i % 2 === 0 ? "WID-001" : "WID-002",
      qty: 1 + (i % 5),
      price: 2.5,
    })),
  });
  return serializeRsx(order as Order, { type: "Order", format: "xml" });
}
