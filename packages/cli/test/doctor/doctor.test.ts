import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningProxySandbox, startProxySandbox } from "@ml-connector/sandbox";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run, useSystems } from "../support/run.js";

const start = useSystems();

describe("ml-connector doctor", () => {
  it("init → fill in the URLs and the environment the sandbox prints → doctor passes every step", async () => {
    const s = await start();
    const init = await run(["init"], { cwd: s.dir, env: s.env });
    expect(init.code).toBe(0);
    // What the user does by hand: the sandbox URLs into the config (credentials come from the environment).
    const path = join(s.dir, "ml-connector.config.jsonc");
    const text = (await readFile(path, "utf8"))
      .replace("https://api.spscommerce.com", s.sps.baseUrl)
      .replace("https://auth.spscommerce.com", s.sps.authUrl)
      .replace("https://x3.example.com:8124", s.x3.baseUrl);
    await writeFile(path, text);
    const result = await run(["doctor"], { cwd: s.dir, env: s.env });
    expect(result.stdout).toContain("pass  config file: valid");
    expect(result.stdout).toContain("pass  mappings: 1 partner, 1 ship-to, 3 item identifiers, 1 unit, 1 cost centre");
    expect(result.stdout).toContain("pass  SPS token: obtained");
    expect(result.stdout).toContain("pass  SPS mailbox: 1 inbound folder listed, 0 files waiting");
    expect(result.stdout).toContain("testout/: 0 files");
    expect(result.stdout).toContain("testin/: uploads go here");
    expect(result.stdout).toContain("pass  Sage X3 token");
    expect(result.stdout).toContain("pass  Sage X3 read BPCUSTOMER: customer C0001 read");
    expect(result.stdout).toContain("pass  store:");
    expect(result.stdout).toContain("All 7 checks passed.");
    expect(result.code).toBe(0);
  });

  it("a wrong SPS client secret fails the SPS token step with exit 3 and a hint; the secret is not printed", async () => {
    const s = await start();
    const wrong = "wrong-sps-secret-7f3a9c";
    const result = await run(["doctor", "--config", s.configPath], {
      cwd: s.dir,
      env: { ...s.env, SPS_CLIENT_SECRET: wrong },
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("FAIL  SPS token");
    expect(result.stdout).toContain("hint: SPS refused the application's credentials");
    expect(result.stdout).toContain("skip  SPS mailbox (no SPS token)");
    expect(result.stdout).toContain("pass  Sage X3 read BPCUSTOMER");
    expect(result.stdout + result.stderr).not.toContain(wrong);
  });

  it("a wrong Sage X3 secret fails the X3 read with exit 3 and a connected-app hint", async () => {
    const s = await start();
    const result = await run(["doctor", "--config", s.configPath], {
      cwd: s.dir,
      env: { ...s.env, X3_CLIENT_SECRET: "sec-wrong-0000000000000000" },
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain("pass  SPS mailbox: 1 inbound folder listed, 0 files waiting");
    expect(result.stdout).toContain("FAIL  Sage X3 read BPCUSTOMER");
    expect(result.stdout).toContain("hint: X3 refused the connected application's JWT");
  });

  it("Sage X3 unreachable: exit 4 and a hint naming the server URL", async () => {
    const s = await start();
    await s.x3.close();
    const result = await s.cli("doctor");
    expect(result.code).toBe(4);
    expect(result.stdout).toContain("FAIL  Sage X3 read BPCUSTOMER");
    expect(result.stdout).toContain(`Cannot reach Sage X3 at ${s.x3.baseUrl}`);
  });

  it("a password written inside a configured URL is printed masked, as user:***@, never as written", async () => {
    const canary = "url-pw-canary-51c9";
    const s = await start({
      edit: (config) => {
        const sageX3 = config.sageX3 as { serverUrl: string };
        sageX3.serverUrl = sageX3.serverUrl.replace("http://", `http://probe:${canary}@`);
      },
    });
    const result = await s.cli("doctor");
    const masked = s.x3.baseUrl.replace("http://", "http://probe:***@");
    expect(result.stdout).toContain(`pass  config file: valid (SPS ${s.sps.baseUrl}, Sage X3 ${masked}`);
    expect(result.stdout).toContain("FAIL  Sage X3 read BPCUSTOMER");
    expect(result.stdout + result.stderr).not.toContain(canary);
  });
});

describe("ml-connector doctor behind a proxy", () => {
  let proxy: RunningProxySandbox | undefined;
  afterEach(async () => {
    vi.unstubAllEnvs();
    await proxy?.close();
    proxy = undefined;
  });

  it("says which proxy each system uses, password masked, and its checks go through it", async () => {
    const canary = "proxy-pw-canary-9d2e";
    proxy = await startProxySandbox({ credentials: `corp:${canary}` });
    for (const name of ["http_proxy", "https_proxy", "all_proxy", "ALL_PROXY", "HTTPS_PROXY", "no_proxy", "NO_PROXY"]) {
      vi.stubEnv(name, "");
    }
    vi.stubEnv("HTTP_PROXY", `http://corp:${canary}@127.0.0.1:${proxy.port}`);
    const s = await start({
      edit: (config) => {
        (config.sageX3 as { proxy?: unknown }).proxy = false;
      },
    });
    const result = await s.cli("doctor");
    expect(result.stdout).toContain(
      `network: SPS proxy http://corp:***@127.0.0.1:${proxy.port} (from HTTP_PROXY); Sage X3 no proxy (proxy: false in the config)`,
    );
    expect(result.stdout).toContain("pass  SPS mailbox");
    expect(result.stdout).toContain("pass  Sage X3 read BPCUSTOMER");
    expect(proxy.forwarded.some((target) => target.startsWith(s.sps.baseUrl))).toBe(true);
    expect(proxy.forwarded.some((target) => target.startsWith(s.x3.baseUrl))).toBe(false);
    expect(result.stdout + result.stderr).not.toContain(canary);
  });
});
