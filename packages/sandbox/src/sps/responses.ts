import { randomUUID } from "node:crypto";
import type { SandboxResponse } from "../core/index.js";

/** An `application/problem+json` answer with a request id, as SPS's newer APIs send. */
export function problem(
  status: number,
  title: string,
  detail?: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId, ...headers },
    body: { type: "about:blank", title, status, ...(detail ? { detail } : {}), requestId },
  };
}

/** A JSON answer with a request id. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { "content-type": "application/json", "x-request-id": randomUUID(), ...headers }, body };
}

/** An Auth0-style error: `{ error, error_description }`. */
export function oauthError(
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return json(status, { error, error_description: description }, headers);
}
