import type { z } from "zod";
import { type ShapePlan, shapePlanOf } from "../xml/shape-plan.js";

/**
 * Copies `value` keeping only what the target schema defines (recursively), so a group of one document (an 850
 * address, an order line) can be echoed into another document (855, 856, 810) whose group has fewer fields.
 * Returns undefined when nothing is left.
 */
export function echoInto<S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined {
  const projected = project(value, shapePlanOf(schema as unknown as z.core.$ZodType));
  return projected as z.output<S> | undefined;
}

function project(value: unknown, plan: ShapePlan): unknown {
  if (value === undefined || value === null) return undefined;
  if (plan.kind === "array") {
    if (!Array.isArray(value)) return undefined;
    // A loop rather than map and filter: no closure per list, one array.
    const entries: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      const entry = project(value[index], plan.element);
      if (entry !== undefined) entries.push(entry);
    }
    return entries.length > 0 ? entries : undefined;
  }
  if (plan.kind === "object") {
    if (typeof value !== "object" || Array.isArray(value)) return undefined;
    const out: Record<string, unknown> = {};
    let any = false;
    for (const key of plan.keysOf(value, false)) {
      const child = (value as Record<string, unknown>)[key];
      if (child === undefined) continue;
      const field = plan.field(key);
      const projected = field ? project(child, field) : undefined;
      if (projected !== undefined) {
        out[key] = projected;
        any = true;
      }
    }
    return any ? out : undefined;
  }
  return value;
}

/** Rounds a money amount to cents. */
export function roundMoney(amount: number): number {
  return Math.round((amount + Math.sign(amount) * Number.EPSILON) * 100) / 100;
}

/** Adds days to a YYYY-MM-DD date (pure calendar arithmetic in UTC). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days);
  return new Date(t).toISOString().slice(0, 10);
}

/** Thrown by the builders when their input contradicts the order (unknown line, over-shipping...). */
export class RsxBuildError extends Error {
  override readonly name = "RsxBuildError";
}
