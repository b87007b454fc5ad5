/** Requests seen per route name, so tests can assert e.g. "N calls made 1 token request". */
export class RequestCounters {
  readonly #counts = new Map<string, number>();

  increment(route: string): void {
    this.#counts.set(route, (this.#counts.get(route) ?? 0) + 1);
  }

  get(route: string): number {
    return this.#counts.get(route) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const count of this.#counts.values()) sum += count;
    return sum;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  reset(): void {
    this.#counts.clear();
  }
}
