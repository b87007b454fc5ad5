import type { TokenSet, TokenStore } from "../../ports/token-store.js";

/** A `TokenStore` in a Map (tokens last as long as the process). */
export function createMemoryTokenStore(): TokenStore {
  const tokens = new Map<string, TokenSet>();
  return {
    async get(key) {
      const value = tokens.get(key);
      return value === undefined ? undefined : { ...value };
    },
    async set(key, value) {
      tokens.set(key, { ...value });
    },
    async delete(key) {
      tokens.delete(key);
    },
  };
}
