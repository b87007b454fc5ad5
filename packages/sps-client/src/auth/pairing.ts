import { randomBytes, timingSafeEqual } from "node:crypto";
import { MemoryTokenStore, parseSecureUrl, type TokenSet, type TokenStore } from "@ml-connector/transport";
import { SpsError } from "../errors/sps-error.js";
import { SPS_AUDIENCE, spsTokenKey } from "./sps-auth.js";
import type { TokenEndpoint } from "./token-endpoint.js";

export interface SpsPairingOptions {
  clientId: string;
  clientSecret: string;
  /** Must exactly match a redirect URL registered for the application (SPS answers 403 otherwise). */
  redirectUri: string;
  /** Default https://auth.spscommerce.com */
  authUrl?: string | undefined;
  /** Default https://spscommerce.com */
  audience?: string | undefined;
  /** Where the tokens are kept; the SPS client reads them from the same store (key `sps:{clientId}`). */
  tokenStore?: TokenStore | undefined;
}

export interface SpsAuthorizeRequest {
  /** Open this in the user's browser. */
  url: string;
  /** Keep it until the redirect comes back, and pass it to `exchangeCode` as `expectedState`. */
  state: string;
}

export interface SpsPairing {
  /** Builds the authorize URL (scope includes `offline_access`, so a refresh token comes back) with a random state. */
  authorizeUrl(options?: { state?: string | undefined; scope?: string | undefined }): SpsAuthorizeRequest;
  /**
   * Exchanges the code from the redirect for tokens, after checking the state, and stores them (refresh token first)
   * in the TokenStore, where `createSpsClient({ flow: "authorization_code" })` finds them.
   */
  exchangeCode(options: { code: string; state: string; expectedState: string }): Promise<TokenSet>;
}

export function createPairing(options: SpsPairingOptions, endpoint: TokenEndpoint): SpsPairing {
  const authUrl = parseSecureUrl(options.authUrl ?? "https://auth.spscommerce.com", "authUrl");
  // Checked (https, or http on loopback) but sent exactly as given: SPS compares it character for character.
  parseSecureUrl(options.redirectUri, "redirectUri");
  const redirectUri = options.redirectUri;
  const store = options.tokenStore ?? new MemoryTokenStore();
  return {
    authorizeUrl(request = {}) {
      const state = request.state ?? randomBytes(24).toString("base64url");
      const scopes = new Set((request.scope ?? "openid profile email").split(/\s+/).filter(Boolean));
      scopes.add("offline_access");
      const url = new URL("/authorize", authUrl);
      url.searchParams.set("response_type", "code");
      url.searchParams.set("client_id", options.clientId);
      url.searchParams.set("redirect_uri", redirectUri);
      url.searchParams.set("audience", options.audience ?? SPS_AUDIENCE);
      url.searchParams.set("scope", [...scopes].join(" "));
      url.searchParams.set("state", state);
      return { url: url.toString(), state };
    },
    async exchangeCode({ code, state, expectedState }) {
      const given = Buffer.from(state);
      const expected = Buffer.from(expectedState);
      if (expected.length === 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new SpsError("The authorization response's state does not match the one we sent: refused.", {
          kind: "security",
          retryable: false,
        });
      }
      const tokens = await endpoint.request({
        grant_type: "authorization_code",
        client_id: options.clientId,
        client_secret: options.clientSecret,
        code,
        redirect_uri: redirectUri,
      });
      if (!tokens.refreshToken) {
        throw new SpsError("SPS returned no refresh token: the authorize request must include offline_access.", {
          kind: "auth",
          retryable: false,
        });
      }
      await store.set(spsTokenKey(options.clientId), tokens);
      return tokens;
    },
  };
}
