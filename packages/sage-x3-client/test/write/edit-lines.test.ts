import { describe, expect, it } from "vitest";
import { isSageX3Error, type SageX3Error } from "../../src/index.js";
import { basicAuth, client, sandbox } from "../helpers.js";

type Line = { $uuid?: string; SOPLIN?: number; ITMREF: string; QTY: number; SOQSTA?: number };

async function orderWithTwoLines() {
  const x3 = await sandbox();
  const x3Client = client(x3, { auth: basicAuth(x3) });
  const { key, record } = await x3Client.create("SORDER", {
    BPCORD: "C0001",
    SALFCY: "US01",
    CUSORDREF: "PO-EDIT",
    SOHSOP: [
      { ITMREF: "WID-001", QTY: 10 },
      { ITMREF: "GAD-100", QTY: 2 },
    ],
  });
  return { x3, x3Client, key, lines: (record.SOHSOP ?? []) as Line[] };
}

describe("$edit of a child collection, as api1 applies it", () => {
  it("every line read back carries its own $uuid", async () => {
    const { x3Client, key, lines } = await orderWithTwoLines();
    expect(lines.map((line) => typeof line.$uuid)).toEqual(["string", "string"]);
    expect(new Set(lines.map((line) => line.$uuid)).size).toBe(2);
    const read = await x3Client.read("SORDER", key);
    expect(((read?.SOHSOP ?? []) as Line[]).map((line) => line.$uuid)).toEqual(lines.map((line) => line.$uuid));
  });

  it("matches by $uuid, then by line number; appends a line with neither; keeps lines not sent", async () => {
    const { x3Client, key, lines } = await orderWithTwoLines();
    const updated = await x3Client.update("SORDER", key, {
      SOHSOP: [
        { $uuid: lines[0]?.$uuid, QTY: 12 },
        { SOPLIN: 2000, QTY: 3 },
        { ITMREF: "GIZ-200", QTY: 1 },
      ],
    });
    expect((updated.SOHSOP as Line[]).map((line) => [line.SOPLIN, line.ITMREF, line.QTY])).toEqual([
      [1000, "WID-001", 12],
      [2000, "GAD-100", 3],
      [3000, "GIZ-200", 1],
    ]);
    const again = await x3Client.update("SORDER", key, { SOHSOP: [{ SOPLIN: 3000, QTY: 4 }] });
    expect((again.SOHSOP as Line[]).map((line) => [line.SOPLIN, line.QTY])).toEqual([
      [1000, 12],
      [2000, 3],
      [3000, 4],
    ]);
  });

  it("sending the line array again without $uuid or line number appends duplicates (why edits are planned)", async () => {
    const { x3Client, key } = await orderWithTwoLines();
    const updated = await x3Client.update("SORDER", key, {
      SOHSOP: [
        { ITMREF: "WID-001", QTY: 10 },
        { ITMREF: "GAD-100", QTY: 2 },
      ],
    });
    expect(updated.SOHSOP).toHaveLength(4);
  });

  it("deletes only a line marked $isDeleted, and refuses it once X3 delivered part of it", async () => {
    const { x3, x3Client, key, lines } = await orderWithTwoLines();
    const updated = await x3Client.update("SORDER", key, { SOHSOP: [{ $uuid: lines[1]?.$uuid, $isDeleted: true }] });
    expect((updated.SOHSOP as Line[]).map((line) => line.ITMREF)).toEqual(["WID-001"]);

    x3.data.allocate(key, { 1000: 4 });
    x3.data.deliver(key, { lines: { 1000: 4 } });
    const error = (await x3Client
      .update("SORDER", key, { SOHSOP: [{ $uuid: lines[0]?.$uuid, $isDeleted: true }] })
      .catch((caught: unknown) => caught)) as SageX3Error;
    expect(isSageX3Error(error)).toBe(true);
    expect(error.kind).toBe("validation");
    expect(error.fieldErrors).toEqual({
      "SOHSOP[0].SOPLIN": ["Line 1000 has deliveries and cannot be deleted: close it."],
    });
    expect(error.diagnoses.find((d) => d.field === "SOHSOP[0].SOPLIN")?.line).toBe("1000");
    expect(error.message).toContain("SOHSOP[0].SOPLIN (line 1000): Line 1000 has deliveries");

    const closed = await x3Client.update("SORDER", key, { SOHSOP: [{ $uuid: lines[0]?.$uuid, SOQSTA: 3 }] });
    expect((closed.SOHSOP as Line[]).map((line) => [line.SOPLIN, line.QTY, line.SOQSTA])).toEqual([[1000, 10, 3]]);
  });

  it("puts diagnoses where api1 does: the save action, header $properties, each line's own $properties", async () => {
    const { x3, key, lines } = await orderWithTwoLines();
    const response = await fetch(
      `${x3.baseUrl}/api1/x3/erp/${x3.endpoint}/SORDER('${key}')?representation=SORDER.$edit`,
      {
        method: "PUT",
        headers: {
          "content-type": "application/json",
          authorization: `Basic ${Buffer.from(`${x3.credentials.basic.username}:${x3.credentials.basic.password}`).toString("base64")}`,
        },
        body: JSON.stringify({
          BPAADD: "NOWHERE",
          SOHSOP: [
            { $uuid: lines[0]?.$uuid, QTY: -1 },
            { $uuid: "no-such-line", QTY: 1 },
          ],
        }),
      },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      $actions: { $save: { $diagnoses: [{ $severity: "error", $message: "Record not saved." }] } },
      $properties: { BPAADD: { $diagnoses: [{ $severity: "error" }] } },
      SOHSOP: [
        { $uuid: lines[0]?.$uuid, $properties: { QTY: { $diagnoses: [{ $severity: "error" }] } } },
        { $uuid: "no-such-line", $properties: { $uuid: { $diagnoses: [{ $severity: "error" }] } } },
      ],
    });
    expect(body.$diagnoses).toBeUndefined();
  });

  it("has no optimistic locking: If-Match is not checked and the last write wins", async () => {
    const { x3, key } = await orderWithTwoLines();
    const auth = `Basic ${Buffer.from(`${x3.credentials.basic.username}:${x3.credentials.basic.password}`).toString("base64")}`;
    const url = `${x3.baseUrl}/api1/x3/erp/${x3.endpoint}/SORDER('${key}')?representation=SORDER.$edit`;
    const read = (await (await fetch(url, { headers: { authorization: auth } })).json()) as { $etag: string };
    x3.clock.advance(60_000);
    const put = (body: unknown) =>
      fetch(url, {
        method: "PUT",
        headers: { authorization: auth, "content-type": "application/json", "if-match": read.$etag },
        body: JSON.stringify(body),
      });
    expect((await put({ DEMDLVDAT: "2026-12-20" })).status).toBe(200);
    const stale = await put({ DEMDLVDAT: "2026-12-24" });
    expect(stale.status).toBe(200);
    expect(((await stale.json()) as { $actions: unknown }).$actions).toEqual({
      $save: { $diagnoses: [{ $severity: "success", $message: "Resource has been saved" }] },
    });
    expect(x3.data.get("SORDER", key)?.DEMDLVDAT).toBe("2026-12-24");
  });
});
