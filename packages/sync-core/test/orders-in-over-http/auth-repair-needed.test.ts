import { createSageX3Client, createSageX3Pairing } from "@ml-connector/sage-x3-client";
import { bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { createSpsClient } from "@ml-connector/sps-client";
import { MemoryTokenStore } from "@ml-connector/transport";
import { describe, expect, it } from "vitest";
import { type ConnectorEvent, createConnector, createMemoryStores } from "../../src/index.js";
import { sandboxMappings, startSystems } from "../support/systems.js";

/** The auth.repair-needed events of one run of `flow`. */
async function repairEvents(connector: ReturnType<typeof createConnector>, flow: "orders-in" | "acks-out") {
  const events: Extract<ConnectorEvent, { type: "auth.repair-needed" }>[] = [];
  const stop = connector.on((event) => {
    if (event.type === "auth.repair-needed") events.push(event);
  });
  const summary = await connector.runOnce(flow);
  stop();
  return { summary, events };
}

describe("auth.repair-needed names the system that refused the connector", () => {
  it("SPS refusing the client secret: system sps, with SPS's message", async () => {
    const s = await startSystems();
    try {
      const sps = createSpsClient({
        baseUrl: s.sps.baseUrl,
        authUrl: s.sps.authUrl,
        credentials: { ...s.sps.credentials, clientSecret: "wrong-sps-secret-0000" },
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
      });
      const connector = createConnector({
        stores: createMemoryStores(),
        sps,
        sageX3: s.x3Client,
        mappings: sandboxMappings,
        flows: { "asns-out": { enabled: false } },
      });
      s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-AUTH1" }), bytesOf(make850({ po: "PO-AUTH1" })));
      const { summary, events } = await repairEvents(connector, "orders-in");
      expect(summary.error?.kind).toBe("auth");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ system: "sps", message: summary.error?.message });
      expect(s.sps.mailbox.paths("out")).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it("the Sage X3 gateway revoking the pairing: system sage-x3, and the message says to pair again", async () => {
    const s = await startSystems();
    try {
      const tokenStore = new MemoryTokenStore();
      const pairing = createSageX3Pairing({ ...s.x3.credentials.oauth, tokenStore, clock: s.x3.clock });
      const approval = await fetch(pairing.authorizeUrl("state-1"), { redirect: "manual" });
      await pairing.exchangeCode(pairing.parseCallback(approval.headers.get("location") ?? "", "state-1").code);
      const sageX3 = createSageX3Client({
        serverUrl: s.x3.baseUrl,
        endpoint: s.x3.endpoint,
        auth: { mode: "authorization-code", ...s.x3.credentials.oauth },
        tokenStore,
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
      });
      const connector = createConnector({
        stores: createMemoryStores(),
        sps: s.spsClient,
        sageX3,
        mappings: sandboxMappings,
        flows: { "asns-out": { enabled: false } },
      });
      s.x3.auth.revokeAll();
      const { summary, events } = await repairEvents(connector, "acks-out");
      expect(summary.error?.kind).toBe("auth");
      expect(events).toEqual([{ type: "auth.repair-needed", system: "sage-x3", message: summary.error?.message }]);
      expect(events[0]?.message).toContain("ml-connector auth sage-x3");
    } finally {
      await s.close();
    }
  });
});
