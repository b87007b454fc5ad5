import { functionalAckResults, parseFunctionalAck } from "@ml-connector/rsx";
import { describe, expect, it } from "vitest";
import type { SpsSandbox } from "../../src/index.js";
import { closeSandboxesAfterEach, startWithToken as start } from "./support/start-with-token.js";

closeSandboxesAfterEach();

const ack855 = (po: string, control?: string) =>
  JSON.stringify({
    ...(control ? { Meta: { GroupControlNumber: control, DocumentControlNumber: control } } : {}),
    Header: { OrderHeader: { TradingPartnerId: "ORCHARDTEST", PurchaseOrderNumber: po, AcknowledgementType: "AD" } },
  });

async function upload(sandbox: SpsSandbox, authorization: string, path: string, body: string): Promise<void> {
  const response = await fetch(`${sandbox.baseUrl}/transactions/v5/data/${path}`, {
    method: "POST",
    headers: { authorization, "content-type": "application/octet-stream" },
    body,
  });
  expect(response.status).toBe(201);
}

async function download(sandbox: SpsSandbox, authorization: string, path: string): Promise<string> {
  const response = await fetch(`${sandbox.baseUrl}/transactions/v5/data/${path}`, { headers: { authorization } });
  expect(response.status).toBe(200);
  return response.text();
}

describe("SPS sandbox: 997 functional acknowledgments", () => {
  it("sends none unless asked", async () => {
    const { sandbox, authorization } = await start({});
    await upload(sandbox, authorization, "in/PR1-v7.7-BulkImport.json", ack855("PO-1", "000000101"));
    expect(sandbox.mailbox.paths("out")).toEqual([]);
  });

  it("functionalAcks: true mirrors SPS's verdict, names the upload's control numbers, lands in out/FA/ by type", async () => {
    const { sandbox, authorization } = await start({
      layout: "by-type",
      functionalAcks: true,
      rejectUploads: (file) =>
        file.text.includes("PO-BAD") ? [{ path: "Header.OrderHeader", code: "partner", message: "no" }] : undefined,
    });
    await upload(sandbox, authorization, "in/PR/PR1-v7.7-BulkImport.json", ack855("PO-1", "000000101"));
    await upload(sandbox, authorization, "in/PR/PR2-v7.7-BulkImport.json", ack855("PO-BAD", "000000102"));
    const paths = sandbox.mailbox.paths("out");
    expect(paths).toEqual(["out/FA/FA000000001.json", "out/FA/FA000000002.json"]);
    const results = [];
    for (const path of paths) {
      const parsed = parseFunctionalAck(await download(sandbox, authorization, path));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      expect(parsed.document.Header.FunctionalAckHeader).toMatchObject({
        TradingPartnerId: "ORCHARDTEST",
        FunctionalIdentifierCode: "PR",
      });
      results.push(...functionalAckResults(parsed.document));
    }
    expect(results.map((r) => [r.transactionSet, r.controlNumber, r.purchaseOrderNumber, r.verdict])).toEqual([
      ["855", "000000101", "PO-1", "accepted"],
      ["855", "000000102", "PO-BAD", "rejected"],
    ]);
  });

  it("a rule decides per upload; a later rejection sends a 997 too; XML uploads get XML 997s; test uploads go to testout/", async () => {
    const { sandbox, authorization } = await start({
      functionalAcks: (file, verdict) =>
        file.name.startsWith("PR3")
          ? undefined
          : verdict.status === "rejected"
            ? {
                code: "R",
                syntaxErrors: ["5"],
                notes: [
                  {
                    SegmentIdCode: "BAK",
                    SegmentPosition: 2,
                    SegmentSyntaxErrorCode: "8",
                    DataElementNote: [{ ElementPosition: 2, DataElementSyntaxErrorCode: "7" }],
                  },
                ],
              }
            : { code: "E", syntaxErrors: ["5"] },
    });
    await upload(sandbox, authorization, "in/PR1-v7.7-BulkImport.json", ack855("PO-1", "1"));
    await upload(sandbox, authorization, "in/PR3-v7.7-BulkImport.json", ack855("PO-3", "3"));
    const xml = `<?xml version="1.0"?><OrderAcks xmlns="http://www.spscommerce.com/RSX"><OrderAck><Meta><GroupControlNumber>4</GroupControlNumber><DocumentControlNumber>4</DocumentControlNumber></Meta><Header><OrderHeader><TradingPartnerId>ORCHARDTEST</TradingPartnerId><PurchaseOrderNumber>PO-4</PurchaseOrderNumber></OrderHeader></Header></OrderAck></OrderAcks>`;
    await upload(sandbox, authorization, "testin/PR4-v7.7-BulkImport.xml", xml);
    expect(sandbox.mailbox.rejectLater("in/PR1-v7.7-BulkImport.json", [{ path: "", code: "late", message: "x" }])).toBe(
      true,
    );
    expect(sandbox.mailbox.paths()).toEqual(
      expect.arrayContaining(["out/FA000000001.json", "testout/FA000000002.xml", "out/FA000000003.json"]),
    );
    expect(sandbox.mailbox.paths("out")).toHaveLength(2);
    const late = parseFunctionalAck(await download(sandbox, authorization, "out/FA000000003.json"));
    if (!late.ok) throw new Error("997");
    expect(functionalAckResults(late.document)[0]?.issues.map((issue) => issue.code)).toEqual([
      "997:AK502:5",
      "997:AK304:8",
      "997:AK403:7",
    ]);
    const xmlAck = parseFunctionalAck(await download(sandbox, authorization, "testout/FA000000002.xml"));
    expect(xmlAck).toMatchObject({ ok: true, format: "xml" });
  });
});
