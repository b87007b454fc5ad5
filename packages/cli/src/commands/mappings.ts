import { resolve } from "node:path";
import { importMappingCsvFile, type MappingKind } from "@ml-connector/sync-core";
import type { CliIo, Output } from "../output/io.js";
import { plural } from "../output/table.js";
import { configurationError, ExitCode } from "../runtime/errors.js";
import { loadConfigFor } from "../runtime/runtime.js";
import { openStores } from "../runtime/wiring.js";

const kindNames: Record<string, MappingKind> = {
  partners: "partners",
  "ship-tos": "shipTos",
  shipTos: "shipTos",
  items: "items",
  uoms: "uoms",
  "cost-centres": "costCentres",
  costCentres: "costCentres",
};

/** `mappings import FILE.csv --kind K`: validates the whole file, then writes it to the store in one transaction. */
export async function runMappingsImport(
  io: CliIo,
  out: Output,
  options: { config: string | undefined; file: string; kind: string | undefined },
): Promise<ExitCode> {
  const kind = options.kind ? kindNames[options.kind] : undefined;
  if (!kind) {
    throw configurationError(
      `--kind must be one of items, uoms, partners, ship-tos, cost-centres${options.kind ? ` (got "${options.kind}")` : ""}.`,
    );
  }
  const loaded = await loadConfigFor(io, out, options.config);
  const stores = await openStores(loaded);
  try {
    const path = resolve(io.cwd, options.file);
    const count = await importMappingCsvFile(stores.mappings, kind, path);
    if (out.isJsonOnly) {
      out.json({ ok: true, kind, imported: count, file: path, store: stores.path });
      return ExitCode.ok;
    }
    out.line(`Imported ${plural(count, `${kind} record`)} from ${options.file} into ${stores.path}.`);
    out.line(
      "Rejected documents waiting for these mappings can now be replayed: ml-connector audit list --status rejected",
    );
    return ExitCode.ok;
  } finally {
    await stores.close();
  }
}
