import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  controlNumberFor,
  type FunctionalAck,
  functionalAckFileName,
  functionalAckResults,
  isFunctionalAckFileName,
  looksLikeFunctionalAck,
  parseFunctionalAck,
  parseRsx,
  serializeFunctionalAck,
} from "../../src/index.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/functional-acks/${name}`, import.meta.url));

describe("parseFunctionalAck", () => {
  it("reads a rejecting 997 in JSON, with its AK3/AK4 notes", () => {
    const parsed = parseFunctionalAck(fixture("FA7700120001.json"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.format).toBe("json");
    const [result, ...rest] = functionalAckResults(parsed.document);
    expect(rest).toEqual([]);
    expect(result).toMatchObject({
      transactionSet: "810",
      controlNumber: "318004271",
      groupControlNumber: "318004271",
      purchaseOrderNumber: "GL-88120",
      code: "R",
      verdict: "rejected",
    });
    expect(result?.issues.map((issue) => issue.code)).toEqual(["997:AK502:5", "997:AK304:8", "997:AK403:7"]);
    expect(result?.issues[2]).toMatchObject({
      path: "TransactionSetResponse[0].DataSegmentNote[0].DataElementNote[0]",
      message: expect.stringContaining(
        'Invalid code value (segment IT1 at position 14, element 3, data element 355, value "XX")',
      ),
    });
  });

  it("reads the XML form (plural root, repeated responses, one error code as a one-element list)", () => {
    const parsed = parseFunctionalAck(fixture("FA7700120002.xml"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.format).toBe("xml");
    expect(parsed.warnings).toEqual([]);
    expect(parsed.document.Header.FunctionalAckHeader.NumberOfAcceptedTransactionSets).toBe(2);
    const results = functionalAckResults(parsed.document);
    expect(results.map((r) => [r.controlNumber, r.code, r.verdict])).toEqual([
      ["604211907", "A", "accepted"],
      ["604211908", "E", "accepted"],
    ]);
    // Accepted with errors: the notes are kept, the verdict is acceptance.
    expect(results[1]?.issues.map((issue) => issue.code)).toEqual(["997:AK502:5"]);
  });

  it("a 997 without per-document responses acknowledges its group as one document", () => {
    const parsed = parseFunctionalAck(fixture("FA7700120003.json"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(functionalAckResults(parsed.document)).toEqual([
      {
        transactionSet: "856",
        controlNumber: "000004410",
        groupControlNumber: "000004410",
        code: "A",
        verdict: "accepted",
        issues: [],
      },
    ]);
  });

  it("a partially accepted group without responses names no document", () => {
    const ack: FunctionalAck = {
      Header: {
        FunctionalAckHeader: {
          TradingPartnerId: "T",
          FunctionalIdentifierCode: "PR",
          GroupControlNumber: "1",
          GroupAcknowledgmentCode: "P",
        },
      },
    };
    expect(functionalAckResults(ack)).toEqual([]);
  });

  it("refuses what is not a 997 with paths and codes, and never throws", () => {
    const missing = parseFunctionalAck('{"Header":{"FunctionalAckHeader":{"TradingPartnerId":"T"}}}');
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.issues.map((issue) => issue.path)).toContain("Header.FunctionalAckHeader.GroupControlNumber");
    }
    const badCode = parseFunctionalAck(
      '{"Header":{"FunctionalAckHeader":{"TradingPartnerId":"T","FunctionalIdentifierCode":"PR","GroupControlNumber":"1","GroupAcknowledgmentCode":"Q"}}}',
    );
    expect(badCode.ok).toBe(false);
    const order = parseFunctionalAck('<Orders xmlns="http://www.spscommerce.com/RSX"><Order/></Orders>');
    expect(order).toMatchObject({ ok: false, issues: [{ code: "unknown_type" }] });
    expect(parseFunctionalAck('<!DOCTYPE x [<!ENTITY a "b">]><FunctionalAcks/>')).toMatchObject({
      ok: false,
      issues: [{ code: "dtd_forbidden" }],
    });
    expect(parseFunctionalAck("ISA*00*")).toMatchObject({ ok: false, issues: [{ code: "unknown_format" }] });
    expect(parseFunctionalAck("{")).toMatchObject({ ok: false, issues: [{ code: "syntax" }] });
  });

  it("round-trips through serializeFunctionalAck in both formats", () => {
    const parsed = parseFunctionalAck(fixture("FA7700120001.json"));
    if (!parsed.ok) throw new Error("fixture");
    for (const format of ["json", "xml"] as const) {
      const again = parseFunctionalAck(serializeFunctionalAck(parsed.document, { format }));
      expect(again).toMatchObject({ ok: true, format, document: parsed.document });
    }
  });

  it("parseRsx does not take a 997 for an order document", () => {
    expect(parseRsx(fixture("FA7700120002.xml")).ok).toBe(false);
  });
});

describe("recognising 997s", () => {
  it("by file name: FA + id", () => {
    expect(functionalAckFileName({ id: "7700120001", format: "json" })).toBe("FA7700120001.json");
    expect(isFunctionalAckFileName("out/FA/FA7700120001.json")).toBe(true);
    expect(isFunctionalAckFileName("FA123")).toBe(true);
    expect(isFunctionalAckFileName("PO4500012345-1-v7.7-BulkImport.json")).toBe(false);
    expect(isFunctionalAckFileName("FAX.json")).toBe(true);
    expect(isFunctionalAckFileName("fa1.json")).toBe(false);
    expect(() => functionalAckFileName({ id: "../x", format: "json" })).toThrow(RangeError);
  });

  it("by content, in either format", () => {
    expect(looksLikeFunctionalAck(fixture("FA7700120001.json"))).toBe(true);
    expect(looksLikeFunctionalAck(fixture("FA7700120002.xml"))).toBe(true);
    expect(looksLikeFunctionalAck('<x:FunctionalAck xmlns:x="u">')).toBe(true);
    expect(looksLikeFunctionalAck('{"Header":{"OrderHeader":{}}}')).toBe(false);
    expect(looksLikeFunctionalAck("<FunctionalAcksXYZ>")).toBe(false);
  });

  it("reads bytes as their text would read, within the first 4 KB", () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    // A byte-order mark, and a multi-byte character before the mark.
    expect(looksLikeFunctionalAck(bytes('\ufeff{"Fé":1,"FunctionalAckHeader": {}}'))).toBe(true);
    expect(looksLikeFunctionalAck(bytes("<ns:FunctionalAcks>"))).toBe(true);
    // Many near misses ("F", "Functional", "FunctionalAc") before a real mark, and a mark cut at the end.
    const nearMisses = `{"F":"FFunctional FunctionalAc ${"F".repeat(100)}"`;
    expect(looksLikeFunctionalAck(bytes(`${nearMisses},"FunctionalAckHeader":{}}`))).toBe(true);
    expect(looksLikeFunctionalAck(bytes(`${nearMisses},"FunctionalAck`))).toBe(false);
    expect(looksLikeFunctionalAck(bytes('{"FunctionalAckHeader" 1}'))).toBe(false);
    // Past the first 4 KB: not looked at, as in text.
    const late = `{"Pad":"${"x".repeat(4096)}","FunctionalAckHeader":{}}`;
    expect(looksLikeFunctionalAck(bytes(late))).toBe(false);
    expect(looksLikeFunctionalAck(late)).toBe(false);
    // An offset view of a larger buffer.
    const framed = bytes("xx<FunctionalAck>yy");
    expect(looksLikeFunctionalAck(framed.subarray(2, 17))).toBe(true);
    expect(looksLikeFunctionalAck(framed.subarray(3))).toBe(false);
  });
});

describe("controlNumberFor", () => {
  it("gives 9 digits, the same for the same file name and different for others", () => {
    const a = controlNumberFor("PRSO0001-1-v7.7-BulkImport.json");
    expect(a).toMatch(/^\d{9}$/);
    expect(controlNumberFor("PRSO0001-1-v7.7-BulkImport.json")).toBe(a);
    const many = new Set(Array.from({ length: 2000 }, (_, i) => controlNumberFor(`PRSO${i}-1-v7.7-BulkImport.json`)));
    expect(many.size).toBe(2000);
  });
});
