import type { SpsMailboxLayout } from "@ml-connector/sandbox";
import { bytesOf, fileNameOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it } from "vitest";
import {
  createConnector,
  createSageX3OrderGateway,
  createSpsDocumentSink,
  createSpsMailboxSource,
  type SpsMailboxSourceOptions,
} from "../../src/index.js";
import { type Systems, sandboxMappings, startSystems } from "../support/systems.js";

function connectorReading(s: Systems, options: SpsMailboxSourceOptions) {
  return createConnector({
    stores: s.stores,
    orderSource: createSpsMailboxSource(s.spsClient, options),
    orderGateway: createSageX3OrderGateway(s.x3Client),
    mappings: sandboxMappings,
  });
}

const cases: { layout: SpsMailboxLayout; folders: string[]; lands: string }[] = [
  { layout: "flat", folders: ["out/"], lands: "out/" },
  { layout: "by-type", folders: ["out/PO/"], lands: "out/PO/" },
  { layout: "by-type", folders: ["out/*/"], lands: "out/PO/" },
];

describe("orders-in over both mailbox layouts", () => {
  for (const { layout, folders, lands } of cases) {
    it(`${layout}, folders ${JSON.stringify(folders)}: the 850s in ${lands} become orders and leave the mailbox`, async () => {
      const s = await startSystems({ sps: { layout } });
      try {
        for (const po of ["L-1", "L-2"]) {
          expect(s.sps.mailbox.putOutbound(fileNameOf({ po }), bytesOf(make850({ po })))).toMatch(
            new RegExp(`^${lands}`),
          );
        }
        const summary = await connectorReading(s, { folders }).runOnce("orders-in");
        expect(summary).toMatchObject({ outcomes: { created: 2 } });
        expect(summary.warnings).toBeUndefined();
        expect(s.sps.mailbox.paths("out")).toEqual([]);
        expect(
          s.x3.data
            .list("SORDER")
            .map((o) => o.CUSORDREF)
            .sort(),
        ).toEqual(["L-1", "L-2"]);
      } finally {
        await s.close();
      }
    });
  }

  it("the default folders on a by-type account find nothing in out/ itself (which is why `folders` exists)", async () => {
    const s = await startSystems({ sps: { layout: "by-type" } });
    try {
      s.sps.mailbox.putOutbound(fileNameOf({ po: "L-3" }), bytesOf(make850({ po: "L-3" })));
      const summary = await connectorReading(s, {}).runOnce("orders-in");
      expect(summary.documents).toBe(0);
      expect(s.sps.mailbox.paths("out")).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it("routes not set up: the run warns that the folder is missing, does not fail, and reads it once SPS sets it up", async () => {
    const s = await startSystems({ sps: { layout: "by-type", routesReady: false } });
    try {
      s.sps.mailbox.putOutbound(fileNameOf({ po: "L-4" }), bytesOf(make850({ po: "L-4" })));
      const connector = connectorReading(s, { folders: ["out/PO/", "out/*/"] });
      const before = await connector.runOnce("orders-in");
      expect(before.error).toBeUndefined();
      expect(before.documents).toBe(0);
      expect(before.warnings).toEqual([
        "SPS has not set up the route for out/PO/ yet: ask your SPS implementation contact",
        "out/ has no subfolders: SPS has not set up the per-type routes under it yet",
      ]);
      expect(s.sps.mailbox.paths("out")).toEqual([`out/PO/${fileNameOf({ po: "L-4" })}`]);

      s.sps.mailbox.setRoutesReady(true);
      const after = await connectorReading(s, { folders: ["out/PO/"] }).runOnce("orders-in");
      expect(after).toMatchObject({ outcomes: { created: 1 } });
      expect(after.warnings).toBeUndefined();
    } finally {
      await s.close();
    }
  });

  it("test mode reads each folder's test twin (out/PO/ → testout/PO/)", async () => {
    const s = await startSystems({ sps: { layout: "by-type" } });
    try {
      s.sps.mailbox.putOutbound(fileNameOf({ po: "L-5" }), bytesOf(make850({ po: "L-5" })), { test: true });
      s.sps.mailbox.putOutbound(fileNameOf({ po: "L-6" }), bytesOf(make850({ po: "L-6" })));
      const source = createSpsMailboxSource(s.spsClient, { folders: ["out/PO/"], test: true });
      const listed: string[] = [];
      for await (const page of source.pages(new AbortController().signal)) listed.push(...page.map((f) => f.path));
      expect(listed).toEqual([`testout/PO/${fileNameOf({ po: "L-5" })}`]);
    } finally {
      await s.close();
    }
  });
});

describe("createSpsDocumentSink: upload folders", () => {
  const file = (name: string, test = false) => ({ name, bytes: new TextEncoder().encode("{}"), test });

  it("default: everything to in/ (testin/ for a partner in test mode)", async () => {
    const s = await startSystems({ sps: { validateUploads: false } });
    try {
      const sink = createSpsDocumentSink(s.spsClient);
      await sink.upload(file("PR1-v7.7-BulkImport.json"));
      await sink.upload(file("SH1-v7.7-BulkImport.json", true));
      expect(s.sps.mailbox.paths("in")).toEqual(["in/PR1-v7.7-BulkImport.json"]);
      expect(s.sps.mailbox.paths("testin")).toEqual(["testin/SH1-v7.7-BulkImport.json"]);
    } finally {
      await s.close();
    }
  });

  it("per document type on a by-type account, with the test twins", async () => {
    const s = await startSystems({ sps: { layout: "by-type", validateUploads: false } });
    try {
      const sink = createSpsDocumentSink(s.spsClient, {
        folders: { "855": "in/PR/", "856": "in/SH/", "810": "in/IN/" },
      });
      await sink.upload(file("PR1-v7.7-BulkImport.json"));
      await sink.upload(file("SH1-v7.7-BulkImport.json"));
      await sink.upload(file("IN1-v7.7-BulkImport.json", true));
      expect(s.sps.mailbox.paths("in")).toEqual(["in/PR/PR1-v7.7-BulkImport.json", "in/SH/SH1-v7.7-BulkImport.json"]);
      expect(s.sps.mailbox.paths("testin")).toEqual(["testin/IN/IN1-v7.7-BulkImport.json"]);
    } finally {
      await s.close();
    }
  });
});
