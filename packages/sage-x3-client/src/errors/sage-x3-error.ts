import {
  ConnectorError,
  type ConnectorErrorOptions,
  errorKindForStatus,
  type FailedResponse,
  hasErrorBrand,
} from "@ml-connector/transport";
import { z } from "zod";

/** One X3 diagnosis: `$severity` and `$message`, with the property it is about when X3 said so. */
export interface SageX3Diagnosis {
  severity: string;
  message: string;
  /** The property (`BPCORD`, `SOHSOP[0].ITMREF`) for per-property diagnoses. */
  field?: string | undefined;
  /** For a diagnosis inside a child line: that line's number (`SOPLIN`…) or, failing that, its `$uuid`. */
  line?: string | undefined;
}

const diagnosisSchema = z.looseObject({ $severity: z.string().optional(), $message: z.string().optional() });
const propertiesSchema = z.record(z.string(), z.looseObject({ $diagnoses: z.array(diagnosisSchema).optional() }));
const errorBodySchema = z.looseObject({
  $diagnoses: z.array(diagnosisSchema).optional(),
  $actions: z
    .looseObject({ $save: z.looseObject({ $diagnoses: z.array(diagnosisSchema).optional() }).optional() })
    .optional(),
  $properties: propertiesSchema.optional(),
  message: z.string().optional(),
});
const childLineSchema = z.looseObject({ $uuid: z.string().optional(), $properties: propertiesSchema });
/** The line number fields of the child collections (SOHSOP → SOPLIN…): how a line is named in messages. */
const lineNumberPattern = /^[A-Z]{3}LIN$/;

export interface SageX3ErrorOptions extends ConnectorErrorOptions {
  diagnoses?: readonly SageX3Diagnosis[] | undefined;
  /** The where/orderBy property X3 does not know (configuration errors). */
  unknownField?: string | undefined;
}

/** An error answered by Sage X3 (or raised on its behalf): a ConnectorError with X3's diagnoses. */
export class SageX3Error extends ConnectorError {
  // Recognised by `instanceof` and `isSageX3Error` across copies of this package (ESM and CommonJS builds).
  static override readonly brand: symbol = Symbol.for("@ml-connector/SageX3Error");

  override name = "SageX3Error";
  /** Every diagnosis, top level and per property. */
  readonly diagnoses: readonly SageX3Diagnosis[];
  /** Error messages per property, e.g. `{ BPCORD: ["Customer C9 does not exist."] }`. */
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
  readonly unknownField: string | undefined;

  constructor(message: string, options: SageX3ErrorOptions) {
    super(message, options);
    this.diagnoses = options.diagnoses ?? [];
    const fields: Record<string, string[]> = {};
    for (const diagnosis of this.diagnoses) {
      if (!diagnosis.field || !isError(diagnosis.severity)) continue;
      fields[diagnosis.field] = [...(fields[diagnosis.field] ?? []), diagnosis.message];
    }
    this.fieldErrors = fields;
    this.unknownField = options.unknownField;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      diagnoses: this.diagnoses,
      fieldErrors: this.fieldErrors,
      unknownField: this.unknownField,
    };
  }
}

export function isSageX3Error(value: unknown): value is SageX3Error {
  return hasErrorBrand(value, SageX3Error.brand);
}

function isError(severity: string): boolean {
  return /^(error|fatal)$/i.test(severity);
}

/**
 * Reads every place X3 puts diagnoses: the top-level `$diagnoses`, the save action's `$actions.$save.$diagnoses`,
 * `$properties.FIELD.$diagnoses`, and inside each child line's own `$properties` (`SOHSOP[0].ITMREF`, with the line).
 */
export function parseDiagnoses(body: unknown): SageX3Diagnosis[] {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return [];
  const out: SageX3Diagnosis[] = [];
  const add = (items: readonly z.infer<typeof diagnosisSchema>[] | undefined, field?: string, line?: string) => {
    for (const item of items ?? []) {
      out.push({
        severity: item.$severity ?? "error",
        message: item.$message ?? "",
        ...(field ? { field } : {}),
        ...(line ? { line } : {}),
      });
    }
  };
  add(parsed.data.$diagnoses);
  add(parsed.data.$actions?.$save?.$diagnoses);
  for (const [field, property] of Object.entries(parsed.data.$properties ?? {})) add(property.$diagnoses, field);
  for (const [collection, value] of Object.entries(parsed.data)) {
    if (collection.startsWith("$") || !Array.isArray(value)) continue;
    for (const [index, item] of value.entries()) {
      const child = childLineSchema.safeParse(item);
      if (!child.success) continue;
      const numberField = Object.keys(child.data).find((key) => lineNumberPattern.test(key));
      const lineNumber = numberField === undefined ? undefined : child.data[numberField];
      const line =
        typeof lineNumber === "number" || typeof lineNumber === "string" ? String(lineNumber) : child.data.$uuid;
      for (const [field, property] of Object.entries(child.data.$properties)) {
        add(property.$diagnoses, `${collection}[${index}].${field}`, line);
      }
    }
  }
  if (out.length === 0 && parsed.data.message) out.push({ severity: "error", message: parsed.data.message });
  return out;
}

const unknownPropertyPattern =
  /propert(?:y|ies)\s+['"]?([A-Z][A-Z0-9_]*)['"]?\s+(?:does not exist|is unknown|not found)/i;

/** The property X3 names in an "unknown property" diagnosis, if any. */
export function unknownPropertyIn(diagnoses: readonly SageX3Diagnosis[]): string | undefined {
  for (const diagnosis of diagnoses) {
    const match = unknownPropertyPattern.exec(diagnosis.message);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function describe(diagnoses: readonly SageX3Diagnosis[]): string {
  const errors = diagnoses.filter((d) => isError(d.severity) && d.message);
  const list = (errors.length > 0 ? errors : diagnoses.filter((d) => d.message)).slice(0, 10);
  return list
    .map((d) => (d.field ? `${d.field}${d.line ? ` (line ${d.line})` : ""}: ${d.message}` : d.message))
    .join("; ");
}

/**
 * The transport's error factory for Sage X3: diagnoses on a 4xx become kind `validation` with each field's messages;
 * X3's 500 for an unknown property becomes kind `configuration` naming it; the rest follows the HTTP status.
 */
export function toSageX3Error(failed: FailedResponse): SageX3Error {
  const diagnoses = parseDiagnoses(failed.body);
  const text = describe(diagnoses);
  const where = `${failed.method} ${failed.path}`;
  const common = { status: failed.status, requestId: failed.requestId, details: failed.body, diagnoses };
  const unknownField = failed.status === 500 ? unknownPropertyIn(diagnoses) : undefined;
  if (unknownField) {
    return new SageX3Error(
      `Sage X3 does not know the property ${unknownField} (${where}): check the class/representation settings of this installation, or that the property is exposed in the representation's query facet. ${text}`,
      { ...common, kind: "configuration", retryable: false, unknownField },
    );
  }
  const kind = errorKindForStatus(failed.status);
  const hasErrors = diagnoses.some((d) => isError(d.severity));
  if (hasErrors && (kind === "validation" || kind === "client" || kind === "conflict")) {
    return new SageX3Error(`Sage X3 refused ${where} (HTTP ${failed.status}): ${text}`, {
      ...common,
      kind: "validation",
    });
  }
  return new SageX3Error(`Sage X3: ${where} failed with HTTP ${failed.status}${text ? `: ${text}` : "."}`, {
    ...common,
    kind,
    retryAfterMs: failed.retryAfterMs,
  });
}
