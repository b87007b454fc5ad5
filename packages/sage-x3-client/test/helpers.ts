import { type SageX3Sandbox, type SageX3SandboxOptions, startSageX3Sandbox } from "@ml-connector/sandbox";
import { MemoryTokenStore, type TokenStore } from "@ml-connector/transport";
import { afterEach } from "vitest";
import {
  type AuthorizationCodeSettings,
  createSageX3Client,
  createSageX3Pairing,
  type SageX3Client,
  type SageX3ClientOptions,
} from "../src/index.js";

const running: SageX3Sandbox[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
});

/** A Sage X3 sandbox closed after the test. */
export async function sandbox(options: SageX3SandboxOptions = {}): Promise<SageX3Sandbox> {
  const started = await startSageX3Sandbox(options);
  running.push(started);
  return started;
}

export function oauthSettings(x3: SageX3Sandbox): AuthorizationCodeSettings {
  const { oauth } = x3.credentials;
  return {
    mode: "authorization-code",
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    redirectUri: oauth.redirectUri,
    tokenUrl: oauth.tokenUrl,
    authorizeUrl: oauth.authorizeUrl,
  };
}

/** Pairs as `ml-connector auth sage-x3` does: authorize URL → (approved) redirect → code exchange into the store. */
export async function pair(x3: SageX3Sandbox, store: TokenStore = new MemoryTokenStore()): Promise<TokenStore> {
  const { oauth } = x3.credentials;
  const pairing = createSageX3Pairing({ ...oauth, tokenStore: store, clock: x3.clock, customer: x3.baseUrl });
  const response = await fetch(pairing.authorizeUrl("state-123"), { redirect: "manual" });
  const location = response.headers.get("location");
  if (response.status !== 302 || !location) throw new Error(`pairing not approved: HTTP ${response.status}`);
  const { code } = pairing.parseCallback(location, "state-123");
  await pairing.exchangeCode(code);
  return store;
}

/** A client of the sandbox with tiny retry delays; OAuth2 by default, on the sandbox's clock. */
export function client(x3: SageX3Sandbox, options: Partial<SageX3ClientOptions> = {}): SageX3Client {
  return createSageX3Client({
    serverUrl: x3.baseUrl,
    endpoint: x3.endpoint,
    auth: oauthSettings(x3),
    clock: x3.clock,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

export const basicAuth = (x3: SageX3Sandbox) => ({ mode: "basic" as const, ...x3.credentials.basic });

/** A fetch that records what went on the wire. */
export function recordingFetch(): {
  fetch: typeof fetch;
  calls: { url: string; method: string; authorization: string | null; status: number }[];
} {
  const calls: { url: string; method: string; authorization: string | null; status: number }[] = [];
  const recording = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await fetch(request);
    calls.push({
      url: request.url,
      method: request.method,
      authorization: request.headers.get("authorization"),
      status: response.status,
    });
    return response;
  };
  return { fetch: recording as typeof fetch, calls };
}

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
