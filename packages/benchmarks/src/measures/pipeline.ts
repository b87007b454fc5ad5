import { buildOrderAck, commonRules, type Order, parseRsx, serializeRsx, validateRsx } from "@ml-connector/rsx";
import { createMemoryMappingStore, mapOrder } from "@ml-connector/sync-core";
import { benchMappings, bytesOf, fileNameOf, make850 } from "../support/orders.js";

export interface PipelineResult {
  lines: number;
  documents: number;
  wallMs: number;
  cpuMs: number;
  /** Documents per second of wall time (one thread). */
  docsPerSecond: number;
  /** Documents per CPU-second: the throughput of one core that the process has to itself. */
  docsPerCpuSecond: number;
  /** CPU µs per 850 line. */
  cpuMicrosPerLine: number;
}

/**
 * What orders-in does to a file in process, without the network: parse (bytes → Order, schema), validate
 * (commonRules), map (MappingStore lookups → X3 draft), then build the 855 for it and serialize it to JSON.
 */
export async function measurePipeline(lines: number, documents: number): Promise<PipelineResult> {
  const mappings = createMemoryMappingStore();
  await mappings.upsertMany(benchMappings(lines));
  // 64 distinct files (PO numbers differ) cycled: realistic bytes without holding 10,000 of them.
  const pool = Array.from({ length: 64 }, (_, i) => {
    const po = `P${String(i).padStart(7, "0")}`;
    return { fileName: fileNameOf(po), bytes: bytesOf(make850(po, lines)) };
  });
  const one = async (i: number) => {
    const file = pool[i % pool.length]!;
    const parsed = parseRsx(file.bytes, { fileName: file.fileName, type: "Order" });
    if (!parsed.ok) throw new Error(`bench 850 does not parse: ${JSON.stringify(parsed.issues.slice(0, 3))}`);
    const order = parsed.document as Order;
    const validated = validateRsx("Order", order, { rules: [commonRules] });
    if (!validated.ok) throw new Error(`bench 850 is invalid: ${JSON.stringify(validated.issues.slice(0, 3))}`);
    const mapped = await mapOrder(order, mappings);
    if (!mapped.ok) throw new Error(`bench 850 does not map: ${JSON.stringify(mapped.reasons.slice(0, 3))}`);
    const ack = buildOrderAck(order, [], { acknowledgementDate: "2026-11-21", acknowledgementNumber: `SO${i}` });
    return serializeRsx(ack, { type: "OrderAck", format: "json" }).length;
  };
  // Warm-up: JIT and zod's lazy schema set-up are not part of the steady state.
  for (let i = 0; i < Math.min(500, documents / 10); i++) await one(i);
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (let i = 0; i < documents; i++) await one(i);
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return {
    lines,
    documents,
    wallMs,
    cpuMs,
    docsPerSecond: documents / (wallMs / 1000),
    docsPerCpuSecond: documents / (cpuMs / 1000),
    cpuMicrosPerLine: (cpuMs * 1000) / (documents * lines),
  };
}
