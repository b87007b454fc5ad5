import { ConnectorError } from "../../ports/errors.js";

/** Checks a lease length. */
export function checkTtl(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new ConnectorError(`ttlMs must be a positive number, got ${ttlMs}`, { kind: "validation" });
  }
  return Math.ceil(ttlMs);
}

/** Checks the `start` of a sequence. */
export function checkStart(start: number | undefined): number {
  const value = start ?? 1;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ConnectorError(`Sequence start must be a non-negative safe integer, got ${value}`, {
      kind: "validation",
    });
  }
  return value;
}

/** Throws when a sequence would leave the safe integers. */
export function checkNext(name: string, value: number): number {
  if (!Number.isSafeInteger(value)) {
    throw new ConnectorError(`Sequence ${name} is exhausted`, { kind: "conflict", details: { name } });
  }
  return value;
}
