import type { ConnectorBuild } from "./support/connector-build.js";
import type { MachineInfo } from "./support/machine.js";

/** One measure's result as kept in results/latest.json: the value, when and where it was measured, the load then. */
export interface Measured<T> {
  measuredAt: string;
  /** When the `pnpm bench` run that measured it started (absent in results from before it was kept). */
  run?: string | undefined;
  durationS: number;
  loadAtStart: [number, number, number];
  machine: MachineInfo;
  /** Which connector the measure ran (absent in results from before it was kept: the sources, except scale). */
  connector?: ConnectorBuild | undefined;
  value: T;
}

/** Results by measure key (`pipeline-10`, `orders-in-c8`, `scale-10000`...). */
export type Results = Record<string, Measured<unknown> | undefined>;
