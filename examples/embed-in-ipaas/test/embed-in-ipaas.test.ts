import { describe, expect, it } from "vitest";
import { configFromEnv } from "../src/handlers.js";
import { runSimulation } from "../src/simulation.js";

describe("examples/embed-in-ipaas", () => {
  it("runs each flow from outside; invoking a handler again changes nothing", async () => {
    const lines: string[] = [];
    const result = await runSimulation((line) => lines.push(line));
    const byName = Object.fromEntries(result.calls.map(({ name, result }) => [name, result]));

    expect(byName["ordersIn (every 10 min)"]).toMatchObject({ ok: true, outcomes: { created: 2 } });
    expect(byName["ordersIn (the platform retries it)"]).toMatchObject({ ok: true, documents: 0 });
    // Two deliveries of one event at the same moment: PO 2003 is created once, whichever of them won.
    const duplicates = [byName["ordersIn (duplicate delivery, A)"], byName["ordersIn (duplicate delivery, B)"]];
    expect(duplicates.reduce((sum, call) => sum + (call?.outcomes.created ?? 0), 0)).toBe(1);
    for (const flow of ["acksOut", "asnsOut", "invoicesOut"]) {
      expect(byName[flow]).toMatchObject({ ok: true, outcomes: { posted: 1 } });
      expect(byName[`${flow} (again)`]).toMatchObject({ ok: true, documents: 0 });
    }

    expect(result.x3Orders).toBe(3);
    expect(result.uploaded.map((name) => name.slice(0, 2))).toEqual(["PR", "SH", "IN"]);
    expect(result.tokenRequests).toBe(1);
    expect(result.chain).toEqual(["850 created", "855 posted", "856 posted", "810 posted"]);
    expect(lines.at(-1)).toBe("PO 2001 in the audit trail: 850 created → 855 posted → 856 posted → 810 posted");
  });

  it("reads a deployment's configuration from environment variables and names what is missing", () => {
    const env = {
      ML_CONNECTOR_DB: "/var/lib/ml-connector/integration.db",
      SPS_CLIENT_ID: "app-id",
      SPS_CLIENT_SECRET: "app-secret",
      SAGE_X3_URL: "https://x3.example.com",
      SAGE_X3_ENDPOINT: "SEED",
      SAGE_X3_CLIENT_ID: "x3-app",
      SAGE_X3_SECRET: "x3-secret",
      SAGE_X3_USER: "EDI",
      GS1_COMPANY_PREFIX: "0614141",
    };
    expect(configFromEnv(env, {})).toMatchObject({
      storePath: "/var/lib/ml-connector/integration.db",
      sps: { credentials: { clientId: "app-id", clientSecret: "app-secret" } },
      x3: { endpoint: "SEED", auth: { mode: "connected-app", user: "EDI" } },
    });
    expect(() => configFromEnv({ ...env, SPS_CLIENT_SECRET: "", SAGE_X3_USER: undefined }, {})).toThrow(
      "Missing environment variables: SPS_CLIENT_SECRET, SAGE_X3_USER",
    );
  });
});
