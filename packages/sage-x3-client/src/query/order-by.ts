import { checkFieldName } from "./where.js";

export type SortDirection = "asc" | "desc";

/** One sort criterion: a property name, or `[name, direction]`. */
export type OrderBy<F extends string = string> = F | readonly [F, SortDirection];

export function formatOrderBy(criteria: readonly OrderBy[]): string {
  return criteria
    .map((criterion) => {
      const [field, direction] = typeof criterion === "string" ? [criterion, "asc" as const] : criterion;
      if (direction !== "asc" && direction !== "desc")
        throw new TypeError(`Invalid sort direction: ${String(direction)}`);
      return `${checkFieldName(field)} ${direction}`;
    })
    .join(",");
}
