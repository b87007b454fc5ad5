/** One injected fault. Matching rules apply in the order they were added; the first that fires wins. */
export interface FaultRule {
  /** A route name (see the sandbox's `routes`), or omitted for every route. */
  route?: string | undefined;
  method?: string | undefined;
  /** Answer with this status instead of the real handler. */
  status?: number | undefined;
  /** The body sent with `status`. Default: a JSON error naming the fault. */
  body?: unknown;
  /** Sent as the Retry-After header (seconds, or an HTTP date). */
  retryAfter?: number | string | undefined;
  /** Delay before answering (or before the real handler). */
  latencyMs?: number | undefined;
  /** Destroy the connection without an answer, before the real handler runs. */
  reset?: boolean | undefined;
  /**
   * Run the real handler (its effect happens), then destroy the connection without an answer:
   * the client cannot tell whether its request took effect, as after a crash or a dropped link.
   */
  resetAfterHandler?: boolean | undefined;
  /** Chance that the rule fires on a matching request. Default 1. */
  probability?: number | undefined;
  /** How many times the rule may fire before it retires. Default: unlimited. */
  times?: number | undefined;
}

interface ActiveRule extends FaultRule {
  id: number;
  fired: number;
}

/** Fault injection per route, shared by both simulators. */
export class FaultInjector {
  readonly #rules: ActiveRule[] = [];
  #nextId = 1;
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /** Adds a rule; returns a function that removes it. */
  add(rule: FaultRule): () => void {
    const active: ActiveRule = { ...rule, id: this.#nextId++, fired: 0 };
    this.#rules.push(active);
    return () => this.#remove(active.id);
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** The rule that fires for this request, if any (and counts it). */
  pick(route: string, method: string): FaultRule | undefined {
    for (const rule of this.#rules) {
      if (rule.route !== undefined && rule.route !== route) continue;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (this.#random() >= (rule.probability ?? 1)) continue;
      rule.fired += 1;
      return rule;
    }
    return undefined;
  }

  #remove(id: number): void {
    const index = this.#rules.findIndex((rule) => rule.id === id);
    if (index >= 0) this.#rules.splice(index, 1);
  }
}
