import { createHmac } from "node:crypto";
import http from "node:http";
import type { SandboxClientSettings } from "@ml-connector/sandbox";

/**
 * What a bare client of both sandboxes needs and nothing else: node:http keep-alive requests (one agent, C sockets per
 * server), an SPS access token and an X3 connected application's JWT. The bare-client measures build their requests
 * on it, so that the connector is compared with the cheapest correct way to make the same calls.
 */
export function createBareHttp(addresses: SandboxClientSettings, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const call = createBareCall(agent);

  const { sps, x3 } = addresses;
  // A connected application's JWT lives 60 s at most: minted again at the start of each run (see token()).
  const x3Jwt = () => {
    const app = x3.auth;
    const iat = Math.floor(Date.now() / 1000);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const input = `${encode({ alg: "HS256", typ: "JWT" })}.${encode({ iss: app.clientId, sub: app.user, aud: x3.serverUrl.replace(/\/+$/, ""), iat, exp: iat + 60 })}`;
    return `${input}.${createHmac("sha256", app.secret).update(input).digest("base64url")}`;
  };
  const headers = { x3: {} as Record<string, string>, sps: {} as Record<string, string> };
  const mintX3Jwt = () => {
    headers.x3 = { authorization: `Bearer ${x3Jwt()}`, accept: "application/json" };
  };

  return {
    call,
    /** The current auth headers of each system (set by token()). */
    headers,
    /** X3's API root for this endpoint: `${x3Api}/SORDER...`. */
    x3Api: `${x3.serverUrl}/api1/x3/erp/${x3.endpoint}`,
    /** A fresh X3 JWT (no request). */
    mintX3Jwt,
    /** A fresh X3 JWT and SPS access token (one token request). */
    async token() {
      mintX3Jwt();
      const { text } = await call(
        `${sps.authUrl}/oauth/token`,
        "POST",
        { "content-type": "application/json" },
        JSON.stringify({
          grant_type: "client_credentials",
          client_id: sps.credentials.clientId,
          client_secret: sps.credentials.clientSecret,
          audience: "https://spscommerce.com",
        }),
      );
      headers.sps = { authorization: `Bearer ${(JSON.parse(text) as { access_token: string }).access_token}` };
    },
    /**
     * Closes the sockets kept since the last run, so that a run starts on fresh ones as the connector's does after
     * an idle gap (its transport closes a socket idle for 4 s). Node's agent ignores the server's Keep-Alive hint
     * without a `timeout` option (which costs every request): a socket kept past the server's 5 s may be closing
     * as the next run's first request is written on it ("socket hang up").
     */
    closeIdleSockets() {
      for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
    },
    close: () => agent.destroy(),
  };
}

export type BareHttp = ReturnType<typeof createBareHttp>;

/**
 * One node:http request and its whole answer, nothing else: the bare contender's request, shared by every measure and
 * profile that compares the connector's request path with it. Refuses a status of 300 or more.
 */
export function createBareCall(agent: http.Agent) {
  return (url: string, method: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(url, {
        method,
        agent,
        headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) },
      });
      request.on("error", reject);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = response.statusCode ?? 0;
          if (status >= 300) reject(new Error(`${method} ${url}: HTTP ${status} ${text.slice(0, 200)}`));
          else resolve({ status, text });
        });
        response.on("error", reject);
      });
      request.end(body);
    });
}
