import { MemoryTokenStore } from "@ml-connector/transport";
import { describe, expect, it } from "vitest";
import { sageX3TokenKey } from "../../src/index.js";
import { client, collect, MINUTE, pair, sandbox } from "../helpers.js";

describe("secrets stay out of logs and errors", () => {
  it("no token, client secret or password in any log line or error", async () => {
    const x3 = await sandbox({ maxCount: 2 });
    const store = await pair(x3, new MemoryTokenStore());
    const lines: string[] = [];
    const log = (fields: Record<string, unknown>, message?: string) => lines.push(JSON.stringify([fields, message]));
    const x3Client = client(x3, { tokenStore: store, logger: { debug: log, info: log, warn: log, error: log } });
    x3.faults.add({ route: x3.routes.query, status: 503, times: 1 }); // a retry gets logged
    await collect(x3Client.query("BPCUSTOMER"));
    x3.clock.advance(6 * MINUTE);
    await x3Client.create("SORDER", { BPCORD: "C0001", SALFCY: "US01", SOHSOP: [{ ITMREF: "WID-001", QTY: 1 }] });
    x3.auth.revokeAll();
    x3.clock.advance(6 * MINUTE);
    const error = await x3Client.read("SORDER", "SO0000001").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "auth" });

    const tokens = await store.get(sageX3TokenKey(x3.credentials.oauth.clientId, x3.credentials.oauth.tokenUrl));
    const secrets = [x3.credentials.oauth.clientSecret, tokens?.accessToken ?? "", tokens?.refreshToken ?? ""];
    expect(lines.length).toBeGreaterThan(0);
    const everything = `${lines.join("\n")}\n${JSON.stringify(error)}\n${String((error as Error).message)}`;
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(everything).not.toContain(secret);
    }
  });
});
