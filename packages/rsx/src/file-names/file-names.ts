import type { RsxDocumentType } from "../schemas/index.js";
import type { RsxVersion } from "../versions/rsx-76.js";

/** SPS's file-name prefixes: PO 850, PR 855, SH 856, IN 810, IB 846 (inventory advice, not modelled here). */
export type RsxFilePrefix = "PO" | "PR" | "SH" | "IN" | "IB";

/** Fulfilment models seen in SPS file names; others are accepted as written. */
export type RsxModel = "BulkImport" | "CrossDock" | "DropShip" | "MultiStore" | (string & {});

export type RsxFileFormat = "json" | "xml";

/** Document types that have a file-name prefix. */
export type RsxFileDocumentType = Exclude<RsxDocumentType, "OrderChange">;

export const rsxFilePrefixes: Readonly<Record<RsxFileDocumentType, RsxFilePrefix>> = {
  Order: "PO",
  OrderAck: "PR",
  Shipment: "SH",
  Invoice: "IN",
};

export interface RsxFileNameParts {
  readonly type: RsxFileDocumentType;
  /** The document's id in the name, e.g. "584615-1". */
  readonly id: string;
  readonly model: RsxModel;
  readonly format: RsxFileFormat;
  /** The RSX version the document is written in: "7.7" (default) or "7.6". */
  readonly version?: RsxVersion;
}

export interface ParsedRsxFileName {
  readonly prefix: RsxFilePrefix;
  /** The document type, or undefined for IB (846). */
  readonly type: RsxFileDocumentType | undefined;
  readonly id: string;
  /** "7.7" or "7.6" (or "7.7.x", "7.6.x" when the name says so). */
  readonly version: string;
  readonly model: RsxModel;
  readonly format: RsxFileFormat;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MODEL_PATTERN = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;

/**
 * The SPS file name of a document: `{PO|PR|SH|IN}{id}-v{7.7|7.6}-{Model}.{json|xml}`, e.g.
 * `rsxFileName({ type: "OrderAck", id: "584615-1", model: "BulkImport", format: "json" })` -> `PR584615-1-v7.7-BulkImport.json`.
 * Deterministic, so a retried upload overwrites instead of duplicating. Throws RangeError on an id or model
 * that cannot appear in a file name.
 */
export function rsxFileName(parts: RsxFileNameParts): string {
  const prefix = rsxFilePrefixes[parts.type];
  if (prefix === undefined) throw new RangeError(`No SPS file-name prefix for document type "${String(parts.type)}"`);
  if (!ID_PATTERN.test(parts.id)) {
    throw new RangeError(`File-name id must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(parts.id)})`);
  }
  if (!MODEL_PATTERN.test(parts.model)) {
    throw new RangeError(`Model must be letters and digits, e.g. BulkImport (got ${JSON.stringify(parts.model)})`);
  }
  if (parts.format !== "json" && parts.format !== "xml") {
    throw new RangeError(`Format must be "json" or "xml" (got ${JSON.stringify(parts.format)})`);
  }
  const version = parts.version ?? "7.7";
  if (version !== "7.7" && version !== "7.6") {
    throw new RangeError(`Version must be "7.7" or "7.6" (got ${JSON.stringify(version)})`);
  }
  return `${prefix}${parts.id}-v${version}-${parts.model}.${parts.format}`;
}

/** The document type of each file-name prefix (the inverse of `rsxFilePrefixes`). */
const typeOfPrefix = new Map(
  (Object.keys(rsxFilePrefixes) as RsxFileDocumentType[]).map((type) => [rsxFilePrefixes[type], type] as const),
);

const NAME_PATTERN =
  /^(PO|PR|SH|IN|IB)([A-Za-z0-9][A-Za-z0-9._-]*?)-v(7\.[67](?:\.\d+)?)-([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\.(json|xml)$/i;

/**
 * Reads an SPS file name (a path is fine: only the last segment counts). Returns undefined when the name does not
 * follow `{PO|PR|SH|IN|IB}{id}-v{7.7|7.6}[.x]-{Model}.{json|xml}`.
 */
export function parseRsxFileName(name: string): ParsedRsxFileName | undefined {
  // The last segment, by either separator, without splitting the path into a list.
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  const match = NAME_PATTERN.exec(base);
  if (!match) return undefined;
  const [, rawPrefix, id, version, model, rawFormat] = match;
  if (!rawPrefix || !id || !version || !model || !rawFormat) return undefined;
  const prefix = rawPrefix.toUpperCase() as RsxFilePrefix;
  const type = typeOfPrefix.get(prefix);
  return { prefix, type, id, version, model, format: rawFormat.toLowerCase() as RsxFileFormat };
}
