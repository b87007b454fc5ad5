import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createSageX3Pairing } from "@ml-connector/sage-x3-client";
import { ConnectorError, isLoopbackHost } from "@ml-connector/transport";
import type { CliIo, Output } from "../output/io.js";
import { configurationError, ExitCode } from "../runtime/errors.js";
import { loadConfigFor } from "../runtime/runtime.js";
import { createX3, openStores } from "../runtime/wiring.js";

export interface AuthOptions {
  config: string | undefined;
  /** Listen on this port instead of the redirect URI's (0: any free port). */
  listen: string | undefined;
  /** Seconds to wait for the approval. Default 300. */
  timeout: string | undefined;
}

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body>`;

/** Lines of text from stdin: the user may paste the address the browser was sent to. */
async function* lines(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of input) {
    buffer += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    let index = buffer.indexOf("\n");
    while (index !== -1) {
      yield buffer.slice(0, index).trim();
      buffer = buffer.slice(index + 1);
      index = buffer.indexOf("\n");
    }
  }
  if (buffer.trim()) yield buffer.trim();
}

/**
 * `auth sage-x3`: the cloud gateway's authorization-code pairing. Prints the authorize URL, waits for the browser's
 * redirect on a loopback callback server (or for the pasted callback address), checks `state`, exchanges the code and
 * stores the tokens (the rotating refresh token first) in the store; then reads one customer to prove it works.
 */
export async function runAuthSageX3(io: CliIo, out: Output, options: AuthOptions): Promise<ExitCode> {
  const loaded = await loadConfigFor(io, out, options.config);
  const auth = loaded.config.sageX3.auth;
  if (auth.mode !== "authorization-code") {
    throw configurationError(
      `sageX3.auth.mode is "${auth.mode}": only the authorization-code mode (cloud gateway) is paired. The ${auth.mode} mode needs no pairing; check it with ml-connector doctor.`,
    );
  }
  if (!auth.authorizeUrl) {
    throw configurationError(
      "sageX3.auth.authorizeUrl is needed to pair (e.g. https://api.eu-sagex3.com/v1/token/authorise).",
    );
  }
  const redirect = new URL(auth.redirectUri);
  const timeoutMs = Number(options.timeout ?? "300") * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw configurationError("--timeout must be a number of seconds.");
  const port = options.listen !== undefined ? Number(options.listen) : Number(redirect.port || "80");
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw configurationError("--listen must be a port (0-65535).");

  const stores = await openStores(loaded);
  let server: Server | undefined;
  try {
    const pairing = createSageX3Pairing({
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      redirectUri: auth.redirectUri,
      authorizeUrl: auth.authorizeUrl,
      tokenUrl: auth.tokenUrl,
      scope: auth.scope,
      tokenStore: stores.tokens,
      proxy: loaded.config.sageX3.proxy,
      noProxy: loaded.config.sageX3.noProxy,
    });
    const state = randomBytes(16).toString("hex");
    const controller = new AbortController();
    const abort = () => controller.abort();
    io.signal?.addEventListener("abort", abort, { once: true });

    const callback = new Promise<string>((resolve, reject) => {
      controller.signal.addEventListener("abort", () => reject(configurationError("Pairing cancelled.")), {
        once: true,
      });
      const timer = setTimeout(
        () =>
          reject(configurationError(`No approval within ${timeoutMs / 1000} s; run ml-connector auth sage-x3 again.`)),
        timeoutMs,
      );
      controller.signal.addEventListener("abort", () => clearTimeout(timer), { once: true });

      if (isLoopbackHost(redirect.hostname)) {
        server = createServer((request, response) => {
          // Read against the registered redirect, never the request's Host header (a malformed one made new URL
          // throw in this handler, which crashed the pairing with a stack trace).
          let url: URL;
          try {
            url = new URL(request.url ?? "/", redirect.origin);
          } catch {
            response.writeHead(400, { "content-type": "text/plain" }).end("Not a valid request.");
            return;
          }
          if (url.pathname !== redirect.pathname) {
            response.writeHead(404, { "content-type": "text/plain" }).end("Not the pairing callback.");
            return;
          }
          const ok = url.searchParams.get("state") === state;
          response
            .writeHead(ok ? 200 : 400, { "content-type": "text/html; charset=utf-8" })
            .end(
              ok
                ? page("ml-connector is paired", "You can close this tab and go back to the terminal.")
                : page("Pairing refused", "The state does not match this pairing request."),
            );
          if (ok) {
            clearTimeout(timer);
            resolve(url.toString());
          }
        });
        server.on("error", (error: NodeJS.ErrnoException) => {
          out.error(
            `Cannot listen on 127.0.0.1:${port} (${error.code ?? error.message}); paste the address instead, or pass --listen PORT.`,
          );
        });
        server.listen(port, "127.0.0.1", () => {
          const address = server?.address() as AddressInfo | null;
          out.line(`Waiting for the redirect on http://127.0.0.1:${address?.port ?? port}${redirect.pathname}`);
        });
      }
      if (io.stdin) {
        const input = io.stdin;
        void (async () => {
          for await (const line of lines(input)) {
            if (!line.includes("?")) continue;
            clearTimeout(timer);
            resolve(line);
            return;
          }
        })().catch(() => undefined);
      }
    });

    out.line(
      "Pair ml-connector with Sage X3: open this address in a browser, sign in as an X3 administrator and approve:",
    );
    out.line();
    out.line(`  ${pairing.authorizeUrl(state)}`);
    out.line();
    out.line("(If the browser cannot reach this machine, paste the address it was sent to here and press Enter.)");

    const callbackUrl = await callback;
    io.signal?.removeEventListener("abort", abort);
    let code: string;
    try {
      ({ code } = pairing.parseCallback(callbackUrl, state));
    } catch (error) {
      // A forged or stale callback (state mismatch) or a refusal: the pairing failed, an authentication matter.
      throw new ConnectorError(error instanceof Error ? error.message : String(error), { kind: "auth", cause: error });
    }
    const tokens = await pairing.exchangeCode(code);
    out.line(
      `Paired: tokens stored in ${stores.path}${tokens.refreshTokenExpiresAt ? `; the refresh token rotates and is valid until ${new Date(tokens.refreshTokenExpiresAt).toISOString().slice(0, 10)} unless used` : ""}.`,
    );
    const x3 = createX3(loaded, stores);
    for await (const page of x3.pages("BPCUSTOMER", { count: 1 })) {
      const first = page.records[0];
      out.line(first ? `Checked: read customer ${String(first.BPCNUM)} from Sage X3.` : "Checked: Sage X3 answered.");
      break;
    }
    return ExitCode.ok;
  } finally {
    const open = server;
    if (open) await new Promise<void>((resolve) => open.close(() => resolve()));
    await stores.close();
  }
}
