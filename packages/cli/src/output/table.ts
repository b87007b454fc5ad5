import { printable } from "./printable.js";

/**
 * A plain text table: a header, a rule, left-aligned columns (numbers right-aligned), no dependency. Cells are shown
 * printable (control characters escaped), since they hold text from documents and servers.
 */
export function formatTable(headers: readonly string[], cells: readonly (readonly string[])[]): string {
  const rows = cells.map((row) => row.map(printable));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => /^\d+$/.test(row[column] ?? "")));
  const render = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return numeric[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  return [render(headers), render(widths.map((w) => "-".repeat(w))), ...rows.map(render)].join("\n");
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
