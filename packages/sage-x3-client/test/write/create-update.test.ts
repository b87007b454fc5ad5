import { describe, expect, it } from "vitest";
import { basicAuth, client, collect, sandbox } from "../helpers.js";

describe("create, read, update, delete, findByNaturalKey", () => {
  it("creates a sales order (201, key from Location) and reads it back with its lines", async () => {
    const x3 = await sandbox({ startTime: new Date("2026-11-28T10:00:00Z"), clockRuns: false });
    const x3Client = client(x3, { auth: basicAuth(x3) });
    const { key, record } = await x3Client.create("SORDER", {
      BPCORD: "C0001",
      SALFCY: "US01",
      CUSORDREF: "PO-4711",
      BPAADD: "ST042",
      DEMDLVDAT: "2026-12-05",
      SOHSOP: [
        { ITMREF: "WID-001", QTY: 24, GROPRI: 4.4 },
        { ITMREF: "GAD-100", QTY: 2 },
      ],
    });
    expect(key).toBe(record.SOHNUM);
    expect(record).toMatchObject({ CUR: "USD", ORDSTA: 1, ALLSTA: 1, ORDNOT: 225.6 });
    expect(record.CREDATTIM).toBe("2026-11-28T10:00:00Z");
    const read = await x3Client.read("SORDER", key);
    expect(read?.SOHSOP?.map((line) => [line.SOPLIN, line.ITMREF, line.QTY, line.SAU])).toEqual([
      [1000, "WID-001", 24, "EA"],
      [2000, "GAD-100", 2, "CS"],
    ]);
  });

  it("createKey answers the key from Location without reading the record sent back, else from that record", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: basicAuth(x3) });
    const order = { BPCORD: "C0001", SALFCY: "US01", CUSORDREF: "PO-KEY", SOHSOP: [{ ITMREF: "WID-001", QTY: 1 }] };
    const key = await x3Client.createKey("SORDER", order);
    expect((await x3Client.read("SORDER", key))?.CUSORDREF).toBe("PO-KEY");
    // A Location and an answer that is no record: the key is taken, the body left alone (create refuses it).
    const location = `${x3.baseUrl}/api1/x3/erp/${x3.endpoint}/SORDER('SO-LOC')`;
    x3.faults.add({ route: x3.routes.create, status: 201, headers: { location }, body: "<html>", times: 2 });
    expect(await x3Client.createKey("SORDER", order)).toBe("SO-LOC");
    await expect(x3Client.create("SORDER", order)).rejects.toMatchObject({
      name: "SageX3Error",
      kind: "validation",
      message: expect.stringContaining("not JSON"),
    });
    // No Location: the key comes from the record sent back, which is checked first.
    x3.faults.add({ route: x3.routes.create, status: 201, body: { SOHNUM: "SO-BODY", BPCORD: "C0001" }, times: 1 });
    expect(await x3Client.createKey("SORDER", order)).toBe("SO-BODY");
    x3.faults.add({ route: x3.routes.create, status: 201, body: { SOHNUM: "SO-BAD" }, times: 1 });
    await expect(x3Client.createKey("SORDER", order)).rejects.toMatchObject({ kind: "validation" });
    // Neither a Location nor JSON: refused with the typed error, not a bare SyntaxError.
    x3.faults.add({ route: x3.routes.create, status: 201, body: "<html>", times: 1 });
    await expect(x3Client.createKey("SORDER", order)).rejects.toMatchObject({
      name: "SageX3Error",
      kind: "validation",
      message: expect.stringContaining("not JSON"),
    });
  });

  it("updates only what is sent and stamps UPDDATTIM", async () => {
    const x3 = await sandbox({ startTime: new Date("2026-11-28T10:00:00Z"), clockRuns: false });
    const x3Client = client(x3, { auth: basicAuth(x3) });
    const { key } = await x3Client.create("SORDER", {
      BPCORD: "C0002",
      SALFCY: "US02",
      CUSORDREF: "R-1",
      SOHSOP: [{ ITMREF: "WID-002", QTY: 5 }],
    });
    x3.clock.advance(90_000);
    const updated = await x3Client.update("SORDER", key, { DEMDLVDAT: "2026-12-24" });
    expect(updated).toMatchObject({ DEMDLVDAT: "2026-12-24", CUSORDREF: "R-1", BPCORD: "C0002" });
    expect(updated.SOHSOP).toHaveLength(1);
    expect(updated.CREDATTIM).toBe("2026-11-28T10:00:00Z");
    expect(updated.UPDDATTIM).toBe("2026-11-28T10:01:30Z");

    const replaced = await x3Client.update("SORDER", key, {
      SOHSOP: [
        { SOPLIN: 1000, ITMREF: "WID-002", QTY: 7 },
        { ITMREF: "GIZ-200", QTY: 1 },
      ],
    });
    expect(replaced.SOHSOP?.map((line) => [line.SOPLIN, line.QTY])).toEqual([
      [1000, 7],
      [2000, 1],
    ]);
    const closed = await x3Client.update("SORDER", key, { ORDSTA: 2 });
    expect(closed.ORDSTA).toBe(2);
    await expect(x3Client.update("SORDER", key, { DEMDLVDAT: "2027-01-01" })).rejects.toMatchObject({
      kind: "validation",
    });
  });

  it("finds orders by natural key; two with the same key are a duplicate error", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: basicAuth(x3) });
    expect(await x3Client.findByNaturalKey("SORDER", { BPCORD: "C0001", CUSORDREF: "PO-1" })).toBeUndefined();
    const order = { BPCORD: "C0001", SALFCY: "US01", CUSORDREF: "PO-1", SOHSOP: [{ ITMREF: "WID-001", QTY: 1 }] };
    const { key } = await x3Client.create("SORDER", order);
    await x3Client.create("SORDER", { ...order, BPCORD: "C0002" });
    const found = await x3Client.findByNaturalKey("SORDER", { BPCORD: "C0001", CUSORDREF: "PO-1" });
    expect(found?.SOHNUM).toBe(key);
    await x3Client.create("SORDER", order);
    await expect(x3Client.findByNaturalKey("SORDER", { BPCORD: "C0001", CUSORDREF: "PO-1" })).rejects.toMatchObject({
      kind: "duplicate",
    });

    const po = await x3Client.create("PORDER", {
      POHFCY: "US01",
      BPSNUM: "S0001",
      ORDREF: "850-77",
      POHPOP: [{ ITMREF: "WID-001", QTYUOM: 10, GROPRI: 2 }],
    });
    expect(po.record.TOTORD).toBe(20);
    expect((await x3Client.findByNaturalKey("PORDER", { BPSNUM: "S0001", ORDREF: "850-77" }))?.POHNUM).toBe(po.key);
  });

  it("deletes, and reads a composite key", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: basicAuth(x3) });
    expect((await x3Client.read("CACCE", ["CCT", "RETAIL"]))?.DES).toBe("Retail channel");
    const { key } = await x3Client.create("CACCE", { DIE: "CCT", CCE: "B2B", DES: "Business" });
    expect(key).toBe("CCT~B2B");
    await x3Client.delete("CACCE", ["CCT", "B2B"]);
    expect(await x3Client.read("CACCE", "CCT~B2B")).toBeUndefined();
  });

  it("uses this installation's class and representation names", async () => {
    const x3 = await sandbox({ representations: { SORDER: "ZSOH", BPCUSTOMER: "ZBPC" } });
    const configured = client(x3, {
      auth: basicAuth(x3),
      classes: { SORDER: { representation: "ZSOH" }, BPCUSTOMER: { representation: "ZBPC" } },
    });
    expect(await collect(configured.query("BPCUSTOMER"))).toHaveLength(3);
    const { key } = await configured.create("SORDER", {
      BPCORD: "C0001",
      SALFCY: "US01",
      SOHSOP: [{ ITMREF: "WID-001", QTY: 1 }],
    });
    expect((await configured.read("SORDER", key))?.SOHNUM).toBe(key);

    const defaults = client(x3, { auth: basicAuth(x3) });
    await expect(collect(defaults.query("BPCUSTOMER"))).rejects.toMatchObject({ kind: "validation", status: 400 });
    expect(() => client(x3, { auth: basicAuth(x3), classes: { SORDER: { representation: "bad name" } } })).toThrow(
      expect.objectContaining({ kind: "configuration" }),
    );
  });

  it("refuses records X3 sends in an unexpected shape", async () => {
    const x3 = await sandbox();
    x3.data.put("ITMMASTER", { ITMREF: "ODD", BASPRI: "not a number" });
    const x3Client = client(x3, { auth: basicAuth(x3) });
    await expect(x3Client.read("ITMMASTER", "ODD")).rejects.toMatchObject({ kind: "validation" });
    // Extra fields are fine.
    x3.data.put("ITMMASTER", { ITMREF: "EXTRA", ZZCUSTOM: { nested: true } });
    expect(await x3Client.read("ITMMASTER", "EXTRA")).toMatchObject({ ITMREF: "EXTRA", ZZCUSTOM: { nested: true } });
  });

  it("refuses a read, an update or a query page whose answer is not JSON with SageX3Error", async () => {
    const x3 = await sandbox();
    x3.data.put("ITMMASTER", { ITMREF: "WID-001" });
    const x3Client = client(x3, { auth: basicAuth(x3) });
    const notJson = { name: "SageX3Error", kind: "validation", message: expect.stringContaining("not JSON") };
    // A proxy's page with a 200: the typed error, never a bare SyntaxError.
    x3.faults.add({ route: x3.routes.details, status: 200, body: "<html>", times: 1 });
    await expect(x3Client.read("ITMMASTER", "WID-001")).rejects.toMatchObject(notJson);
    x3.faults.add({ route: x3.routes.update, status: 200, body: "<html>", times: 1 });
    await expect(x3Client.update("ITMMASTER", "WID-001", { DES1AXX: "x" })).rejects.toMatchObject(notJson);
    x3.faults.add({ route: x3.routes.query, status: 200, body: "<html>", times: 1 });
    await expect(collect(x3Client.query("ITMMASTER"))).rejects.toMatchObject({
      ...notJson,
      message: expect.stringContaining("ITMMASTER page"),
    });
    // The same calls answered normally still read.
    expect((await x3Client.read("ITMMASTER", "WID-001"))?.ITMREF).toBe("WID-001");
  });
});
