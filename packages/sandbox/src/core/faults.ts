/**
 * How a broken path between a server and its client can mangle an answer (a proxy, a gateway, a dropped link):
 * - `redirect`: 302 to the same path on another host, no body (the real handler does not run);
 * - `no-content`: 204 with no body (the real handler does not run);
 * - `html-page`: 200 with a gateway's HTML error page instead of the answer (the real handler does not run);
 * - `wrong-length`: the real answer, whole, under a Content-Length larger than it, then the connection closes;
 * - `truncated`: the first half of the real answer (chunked, no length), then the connection drops.
 * The last two run the real handler, so its effect happens (a download is recorded in the history).
 */
export type AnswerAnomaly = "redirect" | "no-content" | "html-page" | "wrong-length" | "truncated";

export const ANSWER_ANOMALIES: readonly AnswerAnomaly[] = [
  "redirect",
  "no-content",
  "html-page",
  "wrong-length",
  "truncated",
];

/** One injected fault. Matching rules apply in the order they were added; the first that fires wins. */
export interface FaultRule {
  /** A route name (see the sandbox's `routes`), or omitted for every route. */
  route?: string | undefined;
  method?: string | undefined;
  /** Answer with this status instead of the real handler. */
  status?: number | undefined;
  /** The body sent with `status`. Default: a JSON error naming the fault. */
  body?: unknown;
  /** More headers sent with `status` (e.g. `location` with a 3xx). */
  headers?: Record<string, string> | undefined;
  /** Mangle the answer as a broken network path would (see AnswerAnomaly). */
  anomaly?: AnswerAnomaly | undefined;
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
