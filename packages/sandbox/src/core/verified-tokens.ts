/**
 * The tokens a verifier accepted, remembered by token and key. A client sends the same bearer token with every
 * request until it expires, and checking its signature each time (an HMAC, a base64url decode and a JSON parse) was
 * a good part of the sandboxes' CPU per request. Whether a token's signature is good depends on the token and the
 * key alone, so a remembered answer is the answer; what depends on the time or on what happened since (expiry,
 * revocation, the audience) the caller still checks on every request. The claims are shared between the requests
 * that send the same token: callers read them, never change them. Bounded: the oldest token is forgotten first.
 */
export class VerifiedTokens<Key, Claims> {
  readonly #verify: (token: string, key: Key) => Claims | undefined;
  readonly #max: number;
  readonly #accepted = new Map<string, { key: Key; claims: Claims }>();

  constructor(verify: (token: string, key: Key) => Claims | undefined, max = 256) {
    this.#verify = verify;
    this.#max = max;
  }

  /**
   * The claims of a token already accepted under some key, without checking anything: for choosing which key to check
   * it with (a sandbox that signs with several keys reads the token's issuer first) without decoding it again.
   */
  accepted(token: string): Claims | undefined {
    return this.#accepted.get(token)?.claims;
  }

  /** The claims of `token` when its signature is good under `key`, else undefined (never remembered). */
  claims(token: string, key: Key): Claims | undefined {
    const known = this.#accepted.get(token);
    if (known !== undefined && known.key === key) return known.claims;
    const claims = this.#verify(token, key);
    if (claims === undefined) return undefined;
    if (this.#accepted.size >= this.#max) {
      const oldest = this.#accepted.keys().next();
      if (!oldest.done) this.#accepted.delete(oldest.value);
    }
    this.#accepted.set(token, { key, claims });
    return claims;
  }
}
