import { describe, expect, it } from "vitest";
import { isSageX3Error, type SageX3Error, toSageX3Error, where } from "../../src/index.js";
import { basicAuth, client, collect, sandbox } from "../helpers.js";

describe("$diagnoses → SageX3Error", () => {
  it("a refused create is a validation error with every field's messages, not retried", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: basicAuth(x3) });
    const error = await x3Client
      .create("SORDER", { BPCORD: "NOPE", SALFCY: "US01", SOHSOP: [{ ITMREF: "GHOST", QTY: 1 }] })
      .catch((caught: unknown) => caught);
    expect(isSageX3Error(error)).toBe(true);
    const x3Error = error as SageX3Error;
    expect(x3Error).toMatchObject({ kind: "validation", status: 400, retryable: false });
    expect(x3Error.fieldErrors).toEqual({
      BPCORD: ["Customer NOPE does not exist."],
      "SOHSOP[0].ITMREF": ["Product GHOST does not exist."],
    });
    expect(x3Error.message).toContain("BPCORD: Customer NOPE does not exist.");
    expect(x3.counters.get(x3.routes.create)).toBe(1);
    expect(x3.data.list("SORDER")).toHaveLength(0);
  });

  it("a missing mandatory field", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: basicAuth(x3) });
    await expect(
      x3Client.create("SORDER", { BPCORD: "C0001", SOHSOP: [{ ITMREF: "WID-001", QTY: 1 }] }),
    ).rejects.toMatchObject({ kind: "validation", fieldErrors: { SALFCY: ["SALFCY: mandatory field."] } });
  });

  it("X3's 500 for an unknown where property is a configuration error naming it", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: basicAuth(x3) });
    const error = await collect(x3Client.query("SORDER", { where: where.eq("ZZSTATUS", 1) })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: "configuration", status: 500, unknownField: "ZZSTATUS", retryable: false });
    expect(String((error as Error).message)).toContain("ZZSTATUS");
    expect(x3.counters.get(x3.routes.query)).toBe(1); // not retried
  });

  it("a 500 worded differently still names the where field when X3 mentions it", async () => {
    const x3 = await sandbox();
    x3.faults.add({
      route: x3.routes.query,
      status: 500,
      body: { $diagnoses: [{ $severity: "error", $message: "Syntax error near ZZREGION in filter" }] },
    });
    const x3Client = client(x3, { auth: basicAuth(x3), retry: { baseDelayMs: 1, maxDelayMs: 2, retries: 1 } });
    await expect(
      collect(x3Client.query("BPCUSTOMER", { where: where.and(where.eq("BPCNUM", "C1"), where.eq("ZZREGION", "N")) })),
    ).rejects.toMatchObject({ kind: "configuration", unknownField: "ZZREGION" });
  });

  it("parses top-level and per-property diagnoses; keeps warnings out of fieldErrors", () => {
    const error = toSageX3Error({
      status: 422,
      method: "PUT",
      path: "/api1/x3/erp/SEED/SORDER('S1')",
      requestId: "r-1",
      retryAfterMs: undefined,
      contentType: "application/json",
      body: {
        $diagnoses: [{ $severity: "error", $message: "Record not saved." }],
        $properties: {
          DEMDLVDAT: {
            $diagnoses: [
              { $severity: "warning", $message: "Date in the past." },
              { $severity: "error", $message: "Date before the order date." },
            ],
          },
        },
      },
    });
    expect(error).toMatchObject({ kind: "validation", status: 422, requestId: "r-1" });
    expect(error.fieldErrors).toEqual({ DEMDLVDAT: ["Date before the order date."] });
    expect(error.diagnoses).toHaveLength(3);
  });

  it("a 404 on read is undefined; other statuses keep their kind", async () => {
    const x3 = await sandbox();
    const x3Client = client(x3, { auth: basicAuth(x3) });
    expect(await x3Client.read("SORDER", "NOPE")).toBeUndefined();
    x3.faults.add({ route: x3.routes.details, status: 429, retryAfter: 3600 });
    await expect(x3Client.read("SORDER", "NOPE")).rejects.toMatchObject({ kind: "rate-limit" });
  });
});
