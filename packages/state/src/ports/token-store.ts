/**
 * Token persistence for the SPS and Sage X3 auth strategies: the interface of @ml-connector/transport, re-exported so
 * that a store adapter implements every port from sync-core. A store must have persisted the tokens (a rotated
 * refresh token above all) when `set` resolves. Keys name a credential, never hold a secret.
 */
export type { TokenSet, TokenStore } from "@ml-connector/transport";
