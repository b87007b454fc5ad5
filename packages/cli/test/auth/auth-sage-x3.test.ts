import { connect } from "node:net";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/index.js";
import { run, sink, startSystems, useSystems } from "../support/run.js";

const start = useSystems();

async function waitFor(text: () => string, pattern: RegExp, ms = 10_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + ms;
  for (;;) {
    const match = pattern.exec(text());
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} in:\n${text()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One raw HTTP request (any header, however malformed), and the status line of the answer. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
      if (answer.includes("\r\n")) {
        socket.destroy();
        resolve(answer.slice(0, answer.indexOf("\r\n")));
      }
    });
    socket.on("error", reject);
  });
}

/** The X3 administrator approves in the browser: the gateway answers with a redirect to the callback. */
async function approve(authorizeUrl: string): Promise<URL> {
  const response = await fetch(authorizeUrl, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

describe("auth sage-x3 (authorization-code pairing)", () => {
  it("prints the authorize URL, takes the browser's redirect on the loopback callback, stores the tokens", async () => {
    const s = await start({ x3Auth: "authorization-code" });
    const stdout = sink();
    const stderr = sink();
    const pairing = runCli(["auth", "sage-x3", "--listen", "0", "--config", s.configPath], {
      stdout,
      stderr,
      env: s.env,
      cwd: s.dir,
    });
    const [authorizeUrl] = await waitFor(stdout.text, /http:\/\/127\.0\.0\.1:\d+\/v1\/token\/authorise\?\S+/);
    const [, port] = await waitFor(stdout.text, /Waiting for the redirect on http:\/\/127\.0\.0\.1:(\d+)\/callback/);
    // Malformed Host headers and request targets are answered, not a crash with a stack trace.
    for (const request of [
      "GET /callback?state=x HTTP/1.1\r\nHost: [bad\r\nConnection: close\r\n\r\n",
      "GET //[::1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    ]) {
      expect(await rawRequest(Number(port), request)).toMatch(/^HTTP\/1\.1 (400|404)/);
    }
    const redirect = await approve(authorizeUrl ?? "");
    // The sandbox registers http://127.0.0.1/callback; the browser reaches our listener on its actual port.
    redirect.port = port ?? "";
    const page = await fetch(redirect);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("ml-connector is paired");
    expect(await pairing).toBe(0);
    expect(stdout.text()).toContain("Paired: tokens stored in");
    expect(stdout.text()).toContain("Checked: read customer C0001 from Sage X3.");
    expect(stderr.text()).toBe("");

    // The tokens are in the store: doctor uses them (refreshing through the gateway) and reads X3.
    const doctor = await s.cli("doctor");
    expect(doctor.stdout).toContain("pass  Sage X3 token: access token from the gateway");
    expect(doctor.stdout).toContain("pass  Sage X3 read BPCUSTOMER");
    expect(doctor.code).toBe(0);
    expect(doctor.stdout + stdout.text()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  });

  it("takes the callback address pasted on stdin; a wrong state is refused", async () => {
    const s = await start({ x3Auth: "authorization-code" });
    const stdin = new PassThrough();
    const stdout = sink();
    const pairing = runCli(["auth", "sage-x3", "--listen", "0", "--config", s.configPath], {
      stdout,
      stderr: sink(),
      env: s.env,
      cwd: s.dir,
      stdin,
    });
    const [authorizeUrl] = await waitFor(stdout.text, /http:\/\/127\.0\.0\.1:\d+\/v1\/token\/authorise\?\S+/);
    const redirect = await approve(authorizeUrl ?? "");
    stdin.write(`${redirect.toString()}\n`);
    expect(await pairing).toBe(0);

    const stdin2 = new PassThrough();
    const out2 = sink();
    const err2 = sink();
    const second = runCli(["auth", "sage-x3", "--listen", "0", "--config", s.configPath], {
      stdout: out2,
      stderr: err2,
      env: s.env,
      cwd: s.dir,
      stdin: stdin2,
    });
    const [url2] = await waitFor(out2.text, /http:\/\/127\.0\.0\.1:\d+\/v1\/token\/authorise\?\S+/);
    const forged = await approve((url2 ?? "").replace(/state=[0-9a-f]+/, "state=forged"));
    stdin2.write(`${forged.toString()}\n`);
    expect(await second).toBe(3);
    expect(err2.text()).toContain("state does not match");
  });

  it("not paired: doctor fails the X3 token step with exit 3 and says to run auth sage-x3; other modes need no pairing", async () => {
    const s = await start({ x3Auth: "authorization-code" });
    const doctor = await s.cli("doctor");
    expect(doctor.code).toBe(3);
    expect(doctor.stdout).toContain("FAIL  Sage X3 token");
    expect(doctor.stdout).toContain("run `ml-connector auth sage-x3`");
    const other = await startSystems();
    try {
      const result = await run(["auth", "sage-x3", "--config", other.configPath], { env: other.env, cwd: other.dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('sageX3.auth.mode is "connected-app"');
    } finally {
      await other.close();
    }
  });
});
