import { bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import { createConnector, createMemoryStores } from "../../src/index.js";
import { sandboxMappings, useSystems } from "../support/systems.js";

const start = useSystems();

describe("createConnector({ sps, sageX3 })", () => {
  it("builds the default sources and sinks from the two clients and runs every flow", async () => {
    const s = await start();
    const connector = createConnector({
      stores: createMemoryStores(),
      sps: s.spsClient,
      sageX3: s.x3Client,
      mappings: sandboxMappings,
      flows: { "asns-out": { gs1CompanyPrefix: "0614141" } },
    });
    expect([...connector.flows].sort()).toEqual(["acks-out", "asns-out", "invoices-out", "orders-in"]);
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-B1" }), bytesOf(make850({ po: "PO-B1" })));
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    expect(s.x3.data.list("SORDER")).toHaveLength(1);
  });

  it("uses SPS's test mailboxes when asked", async () => {
    const s = await start();
    const connector = createConnector({
      stores: createMemoryStores(),
      sps: s.spsClient,
      sageX3: s.x3Client,
      spsTestMailboxes: true,
      mappings: sandboxMappings,
      flows: { "asns-out": { enabled: false } },
    });
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-B2" }), bytesOf(make850({ po: "PO-B2" })));
    s.sps.mailbox.putOutbound(fileNameOf({ po: "PO-B3" }), bytesOf(make850({ po: "PO-B3" })), { test: true });
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    expect(s.x3.data.list("SORDER").map((o) => o.CUSORDREF)).toEqual(["PO-B3"]);
    expect(s.sps.mailbox.paths("out")).toHaveLength(1);
  });
});
