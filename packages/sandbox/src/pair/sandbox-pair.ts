import type { SageX3Sandbox, SageX3SandboxOptions } from "../sage-x3/index.js";
import { startSageX3Sandbox } from "../sage-x3/index.js";
import type { SpsSandbox, SpsSandboxOptions } from "../sps/index.js";
import { startSpsSandbox } from "../sps/index.js";

/**
 * What the SPS and Sage X3 clients need to reach the two sandboxes, as plain data (it may cross to a child process):
 * spread `sps` into `createSpsClient` and `x3` into `createSageX3Client`, with your token store.
 */
export interface SandboxClientSettings {
  sps: { baseUrl: string; authUrl: string; credentials: SpsSandbox["credentials"] };
  x3: {
    serverUrl: string;
    endpoint: string;
    auth: { mode: "connected-app" } & SageX3Sandbox["credentials"]["connectedApp"];
  };
}

/** The SPS and Sage X3 sandboxes, started together, and what the clients need to reach them. */
export interface SandboxPair {
  sps: SpsSandbox;
  x3: SageX3Sandbox;
  clients: SandboxClientSettings;
  /** Sets the latency of every route of both sandboxes (0 removes it). */
  setLatency(ms: number): void;
  resetCounters(): void;
  /** Requests both sandboxes answered since the last reset (tokens included). */
  requests(): { total: number; byRoute: Record<string, number> };
  close(): Promise<void>;
}

export interface SandboxPairOptions {
  /** Options of the SPS sandbox. Its token rate limit is off unless set here: tests ask for many tokens. */
  sps?: SpsSandboxOptions | undefined;
  x3?: SageX3SandboxOptions | undefined;
}

/**
 * Starts both sandboxes on loopback, each on a free port: what tests, the reliability suite, the demo and the
 * benchmarks run the connector against.
 *
 * ```ts
 * const pair = await startSandboxPair();
 * const spsClient = createSpsClient({ ...pair.clients.sps, tokenStore });
 * const x3Client = createSageX3Client({ ...pair.clients.x3, tokenStore });
 * ```
 */
export async function startSandboxPair(options: SandboxPairOptions = {}): Promise<SandboxPair> {
  const sps = await startSpsSandbox({ tokenRateLimit: false, ...options.sps });
  const x3 = await startSageX3Sandbox(options.x3 ?? {}).catch(async (error: unknown) => {
    await sps.close();
    throw error;
  });
  let removeLatency: (() => void)[] = [];
  return {
    sps,
    x3,
    clients: sandboxClientSettings(sps, x3),
    setLatency(ms) {
      for (const remove of removeLatency) remove();
      removeLatency = ms > 0 ? [sps.faults.add({ latencyMs: ms }), x3.faults.add({ latencyMs: ms })] : [];
    },
    resetCounters() {
      sps.counters.reset();
      x3.counters.reset();
    },
    requests() {
      const byRoute = { ...sps.counters.snapshot(), ...x3.counters.snapshot() };
      return { total: sps.counters.total() + x3.counters.total(), byRoute };
    },
    close: async () => {
      await Promise.all([sps.close(), x3.close()]);
    },
  };
}

/** The client settings of two running sandboxes (X3 through its connected application). */
export function sandboxClientSettings(sps: SpsSandbox, x3: SageX3Sandbox): SandboxClientSettings {
  return {
    sps: { baseUrl: sps.baseUrl, authUrl: sps.authUrl, credentials: sps.credentials },
    x3: {
      serverUrl: x3.baseUrl,
      endpoint: x3.endpoint,
      auth: { mode: "connected-app", ...x3.credentials.connectedApp },
    },
  };
}
