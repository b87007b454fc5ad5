import { afterEach } from "vitest";
import { type SpsSandbox, type SpsSandboxOptions, startSpsSandbox } from "../../../src/index.js";

const running: SpsSandbox[] = [];

/** Closes the sandboxes `startWithToken` started, after each test of the file that imports it. */
export function closeSandboxesAfterEach(): void {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  });
}

/** An SPS sandbox (no token rate limit) and a bearer token for it, from its own auth server over HTTP. */
export async function startWithToken(
  options: SpsSandboxOptions = {},
): Promise<{ sandbox: SpsSandbox; authorization: string }> {
  const sandbox = await startSpsSandbox({ tokenRateLimit: false, ...options });
  running.push(sandbox);
  const answer = await requestToken(sandbox);
  const { access_token } = (await answer.json()) as { access_token: string };
  return { sandbox, authorization: `Bearer ${access_token}` };
}

/** A client-credentials token request to the sandbox's auth server, with its credentials; `body` changes fields. */
export function requestToken(sandbox: SpsSandbox, body: Record<string, string> = {}): Promise<Response> {
  return fetch(`${sandbox.authUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: sandbox.credentials.clientId,
      client_secret: sandbox.credentials.clientSecret,
      audience: sandbox.audience,
      ...body,
    }),
  });
}
