import { afterEach, describe, expect, it } from "vitest";
import { type SageX3Sandbox, startSageX3Sandbox } from "../../src/index.js";

let x3: SageX3Sandbox | undefined;
afterEach(async () => {
  await x3?.close();
  x3 = undefined;
});

async function tokenRequest(sandbox: SageX3Sandbox, grant: Record<string, string>) {
  const { oauth } = sandbox.credentials;
  const response = await fetch(oauth.tokenUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: oauth.clientId, client_secret: oauth.clientSecret, ...grant }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function pairRaw(sandbox: SageX3Sandbox) {
  const { oauth } = sandbox.credentials;
  const url = new URL(oauth.authorizeUrl);
  url.searchParams.set("client_id", oauth.clientId);
  url.searchParams.set("redirect_uri", oauth.redirectUri);
  url.searchParams.set("state", "s");
  const approval = await fetch(url, { redirect: "manual" });
  const code = new URL(approval.headers.get("location") ?? "").searchParams.get("authorizationCode") ?? "";
  return tokenRequest(sandbox, { grant_type: "authorization_code", code, redirect_uri: oauth.redirectUri });
}

describe("Sage X3 sandbox over HTTP", () => {
  it("rotates refresh tokens: the used one dies", async () => {
    x3 = await startSageX3Sandbox();
    const first = await pairRaw(x3);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: "Bearer", expires_in: 300, refresh_token_expires_in: 30 * 86_400 });
    const second = await tokenRequest(x3, {
      grant_type: "refresh_token",
      refresh_token: String(first.body.refresh_token),
    });
    expect(second.status).toBe(200);
    const replay = await tokenRequest(x3, {
      grant_type: "refresh_token",
      refresh_token: String(first.body.refresh_token),
    });
    expect(replay.status).toBe(401);
    x3.clock.advance(31 * 86_400_000);
    const late = await tokenRequest(x3, {
      grant_type: "refresh_token",
      refresh_token: String(second.body.refresh_token),
    });
    expect(late).toMatchObject({ status: 401, body: { message: "The refresh token has expired." } });
  });

  it("expires access tokens after 5 minutes", async () => {
    x3 = await startSageX3Sandbox();
    const { body } = await pairRaw(x3);
    const call = () =>
      fetch(`${x3?.baseUrl}/api1/x3/erp/SEED/BPCUSTOMER?representation=BPCUSTOMER.$query`, {
        headers: { authorization: `Bearer ${String(body.access_token)}` },
      });
    expect((await call()).status).toBe(200);
    x3.clock.advance(5 * 60_000 + 1000);
    expect((await call()).status).toBe(401);
  });

  it("business checks, stamps and user helpers", async () => {
    x3 = await startSageX3Sandbox({ startTime: new Date("2026-11-28T10:00:00Z"), clockRuns: false });
    const auth = `Basic ${Buffer.from(`${x3.credentials.basic.username}:${x3.credentials.basic.password}`).toString("base64")}`;
    const post = (body: unknown) =>
      fetch(`${x3?.baseUrl}/api1/x3/erp/SEED/SORDER?representation=SORDER.$create`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const refused = await post({ BPCORD: "C0001", SALFCY: "US01", BPAADD: "NOWHERE", SOHSOP: [] });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      $properties: {
        BPAADD: { $diagnoses: [{ $severity: "error" }] },
        SOHSOP: { $diagnoses: [{ $severity: "error" }] },
      },
    });
    const created = await post({ BPCORD: "C0001", SALFCY: "US01", SOHSOP: [{ ITMREF: "WID-001", QTY: 10 }] });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toContain("SORDER('SO0000001')");

    x3.clock.advance(60_000);
    const allocated = x3.data.allocate("SO0000001", { 1000: 4 });
    expect(allocated).toMatchObject({
      ALLSTA: 2,
      UPDDATTIM: "2026-11-28T10:01:00Z",
      CREDATTIM: "2026-11-28T10:00:00Z",
    });
    expect(() => x3?.data.deliver("SO0000001", { lines: { 1000: 5 } })).toThrow(/allocated/);
    const delivery = x3.data.deliver("SO0000001");
    expect(delivery).toMatchObject({ CFMFLG: 2, SDHSDD: [{ SOPLIN: 1000, QTY: 4 }] });
    expect(x3.data.get("SORDER", "SO0000001")).toMatchObject({ DLVSTA: 2, ALLSTA: 2 });
    x3.data.allocate("SO0000001");
    x3.data.deliver("SO0000001");
    expect(x3.data.get("SORDER", "SO0000001")).toMatchObject({ DLVSTA: 3, ALLSTA: 3 });
    const invoice = x3.data.invoice(String(delivery.SDHNUM), { post: false });
    expect(invoice).toMatchObject({ INVSTA: 1, AMTNOT: 18 });
    expect(x3.data.postInvoice(String(invoice.NUM))).toMatchObject({ INVSTA: 3 });
    expect(x3.data.get("SORDER", "SO0000001")).toMatchObject({ INVSTA: 2 });
  });

  it("an order's currency is set when it is created: an $edit that changes CUR is refused on the field, ORDDAT may change", async () => {
    x3 = await startSageX3Sandbox({ startTime: new Date("2026-11-28T10:00:00Z"), clockRuns: false });
    const auth = `Basic ${Buffer.from(`${x3.credentials.basic.username}:${x3.credentials.basic.password}`).toString("base64")}`;
    const headers = { authorization: auth, "content-type": "application/json" };
    const base = `${x3.baseUrl}/api1/x3/erp/SEED`;
    const created = await fetch(`${base}/SORDER?representation=SORDER.$create`, {
      method: "POST",
      headers,
      body: JSON.stringify({ BPCORD: "C0001", SALFCY: "US01", CUR: "USD", SOHSOP: [{ ITMREF: "WID-001", QTY: 1 }] }),
    });
    expect(created.status).toBe(201);
    const edit = (body: unknown) =>
      fetch(`${base}/SORDER('SO0000001')?representation=SORDER.$edit`, {
        method: "PUT",
        headers,
        body: JSON.stringify(body),
      });
    const refused = await edit({ CUR: "CAD" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ $properties: { CUR: { $diagnoses: [{ $severity: "error" }] } } });
    expect((await edit({ CUR: "USD", ORDDAT: "2026-11-21" })).status).toBe(200);
    expect(x3.data.get("SORDER", "SO0000001")).toMatchObject({ CUR: "USD", ORDDAT: "2026-11-21" });
  });

  it("a posted invoice is not edited (X3 corrects it with a credit note); one not posted yet is", async () => {
    x3 = await startSageX3Sandbox();
    const auth = `Basic ${Buffer.from(`${x3.credentials.basic.username}:${x3.credentials.basic.password}`).toString("base64")}`;
    const headers = { authorization: auth, "content-type": "application/json" };
    const created = await fetch(`${x3.baseUrl}/api1/x3/erp/SEED/SORDER?representation=SORDER.$create`, {
      method: "POST",
      headers,
      body: JSON.stringify({ BPCORD: "C0001", SALFCY: "US01", SOHSOP: [{ ITMREF: "WID-001", QTY: 2 }] }),
    });
    const order = String(((await created.json()) as { SOHNUM: string }).SOHNUM);
    x3.data.allocate(order, { 1000: 2 });
    const delivery = String(x3.data.deliver(order).SDHNUM);
    const invoice = String(x3.data.invoice(delivery, { post: false }).NUM);
    const edit = (body: unknown) =>
      fetch(`${x3?.baseUrl}/api1/x3/erp/SEED/SINVOICE('${invoice}')?representation=SINVOICE.$edit`, {
        method: "PUT",
        headers,
        body: JSON.stringify(body),
      });
    expect((await edit({ PTE: "NET45" })).status).toBe(200);
    x3.data.postInvoice(invoice);
    const refused = await edit({ PTE: "NET60" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ $diagnoses: [{ $severity: "error" }] });
    expect(x3.data.get("SINVOICE", invoice)).toMatchObject({ PTE: "NET45", INVSTA: 3 });
  });

  it("answers an unknown where property with HTTP 500 and caps count silently", async () => {
    x3 = await startSageX3Sandbox({ maxCount: 2 });
    const auth = `Basic ${Buffer.from(`${x3.credentials.basic.username}:${x3.credentials.basic.password}`).toString("base64")}`;
    const get = (query: string) =>
      fetch(`${x3?.baseUrl}/api1/x3/erp/SEED/BPCUSTOMER?representation=BPCUSTOMER.$query&${query}`, {
        headers: { authorization: auth },
      });
    const unknown = await get(`where=${encodeURIComponent("NOPE eq 1")}`);
    expect(unknown.status).toBe(500);
    const page = (await (await get("count=50")).json()) as { $itemsPerPage: number; $resources: unknown[] };
    expect(page.$itemsPerPage).toBe(2);
    expect(page.$resources).toHaveLength(2);
    expect((await get("count=5")).status).toBe(200);
    const wrongRepresentation = await fetch(`${x3.baseUrl}/api1/x3/erp/SEED/BPCUSTOMER?representation=SORDER.$query`, {
      headers: { authorization: auth },
    });
    expect(wrongRepresentation.status).toBe(400);
  });
});
