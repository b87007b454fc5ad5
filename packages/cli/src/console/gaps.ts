import { parseRsx, select } from "@ml-connector/rsx";
import type { AuditDocument, MappingKind, Reason } from "@ml-connector/sync-core";
import type { ConsoleData } from "./queries.js";

/** The reason codes of orders-in that a mapping row fixes, and the mapping kind (`mappings import --kind`). */
const gapKinds: Record<string, MappingKind> = {
  unknown_item: "items",
  unknown_uom: "uoms",
  unknown_ship_to: "shipTos",
  unknown_partner: "partners",
};

/** The columns of each CSV, as `mappings import` reads them; the X3 side is left blank for a person to fill in. */
const csvHeaders: Record<MappingKind, readonly string[]> = {
  items: ["partnerId", "itemRef", "vendorPartNumber", "buyerPartNumber", "upc", "gtin"],
  uoms: ["partnerId", "ediUnit", "x3Unit"],
  shipTos: ["partnerId", "locationNumber", "x3AddressCode"],
  partners: ["partnerId", "name", "x3Customer", "site", "orderType", "currency"],
  costCentres: ["partnerId", "department", "dimensions"],
};

export interface MappingGap {
  kind: MappingKind;
  partnerId: string;
  /** What is missing, as the 850 says it (`MYSTERY-9`, `CS`, a location number, a partner id). */
  value: string;
  /** The CSV row that would fix it (X3 columns blank). */
  row: Record<string, string>;
  documentIds: string[];
  poNumbers: string[];
}

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");

/** Reads what the reason points at in the stored 850 (JSON or XML, parsed as orders-in parsed it). */
function gapOf(document: AuditDocument, reason: Reason, order: unknown): Omit<MappingGap, "documentIds" | "poNumbers"> {
  const kind = gapKinds[reason.code] as MappingKind;
  const partnerId = document.partnerId;
  const at = (path: string) => (order === undefined ? undefined : select(order, path).found[0]?.value);
  const value = text(at(reason.path));
  if (kind === "items") {
    const line = at(reason.path.replace(/\.[^.]+$/, "")) as Record<string, unknown> | undefined;
    const row = {
      partnerId,
      itemRef: "",
      vendorPartNumber: text(line?.VendorPartNumber),
      buyerPartNumber: text(line?.BuyerPartNumber),
      upc: text(line?.ConsumerPackageCode),
      gtin: text(line?.GTIN),
    };
    return { kind, partnerId, value: value || row.vendorPartNumber || row.buyerPartNumber || row.upc, row };
  }
  if (kind === "uoms") return { kind, partnerId, value, row: { partnerId, ediUnit: value, x3Unit: "" } };
  if (kind === "shipTos") {
    return { kind, partnerId, value, row: { partnerId, locationNumber: value, x3AddressCode: "" } };
  }
  return {
    kind,
    partnerId,
    value: partnerId,
    row: { partnerId, name: "", x3Customer: "", site: "", orderType: "", currency: "" },
  };
}

/**
 * The unmapped items, units, ship-tos and partners that hold rejected 850s back, grouped and counted, and the
 * documents waiting on them (what "replay all waiting" replays).
 */
export async function mappingGaps(data: ConsoleData, maxDocuments = 5000) {
  const groups = new Map<string, MappingGap>();
  const waiting: string[] = [];
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await data.audit.findDocuments({
      status: "rejected",
      type: "850",
      direction: "in",
      limit: 200,
      cursor,
    });
    for (const document of page.items) {
      const reasons = document.reasons.filter((r) => r.code in gapKinds);
      if (reasons.length === 0) continue;
      waiting.push(document.id);
      const payload = await data.audit.getPayload(document.id);
      const parsed = payload ? parseRsx(payload) : undefined;
      const order = parsed?.ok ? parsed.document : undefined;
      for (const reason of reasons) {
        const gap = gapOf(document, reason, order);
        const key = JSON.stringify([gap.kind, gap.partnerId, gap.value]);
        const group = groups.get(key) ?? { ...gap, documentIds: [], poNumbers: [] };
        if (!group.documentIds.includes(document.id)) group.documentIds.push(document.id);
        if (document.poNumber && !group.poNumbers.includes(document.poNumber)) group.poNumbers.push(document.poNumber);
        groups.set(key, group);
      }
    }
    seen += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== undefined && seen < maxDocuments);
  return {
    gaps: [...groups.values()].sort(
      (a, b) => b.documentIds.length - a.documentIds.length || a.value.localeCompare(b.value),
    ),
    waiting,
    complete: cursor === undefined,
  };
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** The CSV of the missing rows of one kind, ready to fill in and `mappings import --kind KIND`. */
export function gapsCsv(kind: MappingKind, gaps: readonly MappingGap[]): string {
  const header = csvHeaders[kind];
  const rows = gaps.filter((g) => g.kind === kind).map((g) => header.map((c) => csvCell(g.row[c] ?? "")).join(","));
  return `${[header.join(","), ...rows].join("\r\n")}\r\n`;
}
