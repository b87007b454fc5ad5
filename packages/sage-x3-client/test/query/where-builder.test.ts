import { describe, expect, it } from "vitest";
import { type SalesOrder, type WhereClause, where, whereFor, x3Date, x3Literal } from "../../src/index.js";
import { client, collect, sandbox } from "../helpers.js";

describe("where-builder: X3 literals", () => {
  it("writes strings, numbers, dates and datetimes as X3 expects", () => {
    expect(where.eq("BPCORD", "C0001").toString()).toBe("BPCORD eq 'C0001'");
    expect(where.eq("CUSORDREF", "O'Brien").toString()).toBe("CUSORDREF eq 'O''Brien'");
    expect(where.gt("UPDDATTIM", new Date("2026-11-28T10:00:00.789Z")).toString()).toBe(
      "UPDDATTIM gt @2026-11-28T10:00:00Z@",
    );
    expect(where.le("ORDDAT", x3Date("2026-11-28")).toString()).toBe("ORDDAT le @2026-11-28@");
    expect(where.in("ORDSTA", [1, 2]).toString()).toBe("ORDSTA in (1, 2)");
    expect(where.and(where.eq("A", 1), where.or(where.ne("B", "x"), where.lt("C", -2.5))).toString()).toBe(
      "(A eq 1) and ((B ne 'x') or (C lt -2.5))",
    );
    expect(x3Literal(0)).toBe("0");
  });

  it("refuses bad values and bad property names", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, 1e21, 1e-7]) {
      expect(() => where.eq("QTY", value)).toThrow(expect.objectContaining({ kind: "validation" }));
    }
    expect(() => where.eq("DATE", new Date("nope"))).toThrow(expect.objectContaining({ kind: "validation" }));
    expect(() => x3Date("2026-13-45")).toThrow();
    expect(() => where.eq("REF", "line\nbreak")).toThrow();
    expect(() => where.in("BPCORD", [])).toThrow();
    for (const field of ["bpcord", "BPCORD eq 'x' or BPCORD", "A B", "1ABC", "BPC-ORD", "", "BPCORD)"]) {
      expect(() => where.eq(field, "x")).toThrow(expect.objectContaining({ kind: "configuration" }));
    }
    expect(() => where.and()).toThrow();
    expect(() => where.and("BPCORD eq 'x'" as unknown as WhereClause)).toThrow();
  });

  it("is typed by class", () => {
    const w = whereFor<SalesOrder>();
    expect(w.eq("BPCORD", "C1").toString()).toBe("BPCORD eq 'C1'");
    // @ts-expect-error: not a property of SORDER
    expect(() => w.eq("NOPE", 1).toString()).not.toThrow();
  });
});

describe("where-builder: injection attempts against the sandbox", () => {
  const attempts = [
    "x' or BPCNUM ne '",
    "x'' or ''='",
    "C0001' or '1' eq '1",
    "') or (BPCNUM ne '",
    "C0001'--",
    "\\' or 1 eq 1 or '",
    "@2026-01-01@",
    "x' and BPCNAM gt '",
  ];

  it.each(attempts)("value %j matches literally, never widens the query", async (value) => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic } });
    const found = await collect(x3Client.query("BPCUSTOMER", { where: (w) => w.eq("BPCNUM", value) }));
    expect(found).toEqual([]);
    const inList = await collect(x3Client.query("BPCUSTOMER", { where: (w) => w.in("BPCNUM", ["C0001", value]) }));
    expect(inList.map((record) => record.BPCNUM)).toEqual(["C0001"]);
  });

  it("a value with quotes is found exactly when it exists", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic } });
    const created = await x3Client.create("SORDER", {
      BPCORD: "C0001",
      SALFCY: "US01",
      CUSORDREF: "O'Brien' or '1",
      SOHSOP: [{ ITMREF: "WID-001", QTY: 1 }],
    });
    const found = await collect(x3Client.query("SORDER", { where: (w) => w.eq("CUSORDREF", "O'Brien' or '1") }));
    expect(found.map((order) => order.SOHNUM)).toEqual([created.key]);
  });

  it("refuses a where given as a string", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic } });
    const raw = "BPCNUM ne ''" as unknown as WhereClause;
    await expect(collect(x3Client.query("BPCUSTOMER", { where: raw }))).rejects.toMatchObject({ kind: "validation" });
    expect(x3.counters.get(x3.routes.query)).toBe(0);
  });
});
