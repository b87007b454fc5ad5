import os from "node:os";

export interface MachineInfo {
  cpuModel: string;
  logicalCores: number;
  availableParallelism: number;
  totalMemoryGiB: number;
  node: string;
  platform: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    logicalCores: cpus.length,
    availableParallelism: os.availableParallelism(),
    totalMemoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

/** The 1, 5 and 15 minute load averages, two decimals. */
export const loadAverage = (): [number, number, number] =>
  os.loadavg().map((value) => Math.round(value * 100) / 100) as [number, number, number];
