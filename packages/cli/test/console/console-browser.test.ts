import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Order, serializeRsx } from "@ml-connector/rsx";
import { make850 } from "@ml-connector/sandbox";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { importMappingCsvFile } from "@ml-connector/sync-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DemoRun, runDemo } from "../../src/commands/demo.js";
import { type RunningConsole, startConsole } from "../../src/console/server.js";
import { Output } from "../../src/output/io.js";
import { sink, tempDir } from "../support/run.js";
import { launchChromium } from "./support/browser.js";

// Screenshots for a person to look at (git-ignored): the four main views over a real demo run.
const shotsDir = fileURLToPath(new URL("../../test-output/console/", import.meta.url));
const SCRIPT_PO = "4500077777";
const XML_PO = "4500088888";
const TOKEN = "console-test-token-0123456789";

let demo: DemoRun;
let finishDemo: () => void;
let demoDone: Promise<unknown>;
let consoleServer: RunningConsole;
let browser: Browser;
let page: Page;
let removeDir: () => Promise<void>;
let dir: string;
const pageErrors: string[] = [];

/**
 * Waits until the page shows the address now in the bar. A hash change is handled in a later task than the one that
 * changed it, so `data-ready` alone may still be the previous render's: the render also names the address it drew.
 */
async function shown(view: string) {
  await page.waitForFunction(
    (want) => document.body.dataset.ready === want && document.body.dataset.route === location.hash,
    view,
  );
}

async function open(hash: string, view: string) {
  await page.goto(`${consoleServer.origin}${hash}`);
  await shown(view);
}

beforeAll(async () => {
  const temp = await tempDir();
  dir = temp.dir;
  removeDir = temp.remove;
  const stores = createSqliteStores({ path: join(dir, "demo.sqlite") });
  const ready = new Promise<DemoRun>((resolveReady) => {
    const held = new Promise<void>((release) => {
      finishDemo = release;
    });
    const out = new Output({ stdout: sink(), stderr: sink(), env: {}, cwd: dir });
    demoDone = runDemo(out, {
      orders: 8,
      stores,
      afterRun: async (run) => {
        resolveReady(run);
        await held;
      },
    }).finally(() => stores.close());
  });
  demo = await ready;

  // One more PO, whose note is markup: the console must show it as text.
  const order = make850({
    po: SCRIPT_PO,
    model: "BulkImport",
    partnerId: "ACME",
    department: "D42",
    lines: [{ vendorPart: "WID-001", buyerPart: "B-1001", qty: 2, price: 4.5 }],
  }) as { Header: Record<string, unknown> };
  order.Header.Notes = [
    { NoteCode: "GEN", Note: '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">' },
  ];
  demo.sps.mailbox.putOutbound(`PO${SCRIPT_PO}-v7.7-BulkImport.json`, JSON.stringify(order, null, 2));
  // And an XML 850 whose second line names an item nobody mapped.
  const xmlOrder = make850({
    po: XML_PO,
    model: "BulkImport",
    partnerId: "ACME",
    department: "D42",
    lines: [
      { vendorPart: "WID-002", buyerPart: "B-1002", qty: 3, price: 5.25 },
      { vendorPart: "GHOST-7", buyerPart: "B-7777", qty: 1, price: 12 },
    ],
  }) as unknown as Order;
  demo.sps.mailbox.putOutbound(
    `PO${XML_PO}-v7.7-BulkImport.xml`,
    serializeRsx(xmlOrder, { type: "Order", format: "xml" }),
  );
  await demo.connector.runOnce("orders-in");

  consoleServer = await startConsole({
    data: {
      audit: stores.audit,
      cursors: stores.cursors,
      mappings: stores.mappings,
      storeLabel: join(dir, "demo.sqlite"),
      flows: { "orders-in": { enabled: true, intervalMinutes: 5 } },
    },
    replay: (id) => demo.connector.replay(id),
    token: TOKEN,
    host: "127.0.0.1",
    port: 0,
  });
  mkdirSync(shotsDir, { recursive: true });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  // Waits are for a condition (an element appearing), never an assertion on time: on a loaded CI machine a replay
  // through both sandboxes can take well over 10 s.
  page.setDefaultTimeout(90_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("dialog", (dialog) => void dialog.dismiss());
  // The printed address: the token rides in the fragment, the page keeps it for the session.
  await page.goto(consoleServer.url);
  await shown("overview");
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.close();
  finishDemo?.();
  await demoDone;
  await removeDir?.();
});

describe("the console in Chromium, over a store filled by a demo run", { timeout: 180_000 }, () => {
  it("shows today at a glance with the store's counts, and keeps the token out of the address bar", async () => {
    expect(page.url()).not.toContain(TOKEN);
    await open("#/", "overview");
    const [total] = await demo.stores.audit.countDocuments();
    const rejected = (await demo.stores.audit.countDocuments({ status: "rejected" }))[0]?.count;
    expect(await page.textContent('[data-count="total"] strong')).toBe(String(total?.count));
    expect(await page.textContent('[data-count="rejected"] strong')).toBe(String(rejected));
    expect(rejected).toBe(2);
    expect(await page.locator("tr[data-flow]").count()).toBe(4);
    const acme = page.locator('.partner[data-partner="ACME"]');
    expect(await acme.locator("rect.in").count()).toBe(7);
    await page.screenshot({ path: join(shotsDir, "1-overview.png"), fullPage: true });
  });

  it("filters the documents list by type, status and PO, and pages with the store's cursor", async () => {
    await open("#/documents?type=856", "documents");
    const asns = (await demo.stores.audit.findDocuments({ type: "856" })).items.length;
    expect(asns).toBeGreaterThan(0);
    expect(await page.locator("tbody tr[data-id]").count()).toBe(asns);

    await open("#/documents", "documents");
    await page.fill('input[name="status"]', "rejected");
    await page.click('form.filters button[type="submit"]');
    await page.waitForFunction(() => location.hash.includes("status=rejected"));
    await shown("documents");
    const statuses = await page
      .locator("tbody tr[data-id]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));
    expect(statuses).toEqual(["rejected", "rejected"]);

    await open("#/documents?po=4500010001", "documents");
    const poRows = await page.locator("tbody tr[data-id]").count();
    expect(poRows).toBe((await demo.stores.audit.findDocuments({ poNumber: "4500010001" })).items.length);

    await open("#/documents?limit=5", "documents");
    const first = await page
      .locator("tbody tr[data-id]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
    await page.click("a[data-next]");
    await page.waitForFunction(() => location.hash.includes("cursor="));
    await shown("documents");
    const second = await page
      .locator("tbody tr[data-id]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-id")));
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(5);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    const expected = (await demo.stores.audit.findDocuments({ limit: 10 })).items.map((d) => d.id);
    expect([...first, ...second]).toEqual(expected);
    await open("#/documents", "documents");
    await page.screenshot({ path: join(shotsDir, "2-documents.png"), fullPage: true });
  });

  it("tells one PO's story: 850, the X3 order, 855, 856, 810", async () => {
    await open("#/po/4500010001", "po");
    const types = await page
      .locator(".story li[data-type]")
      .evaluateAll((items) => items.map((i) => i.getAttribute("data-type")));
    const firstOf = (type: string) => types.indexOf(type);
    for (const type of ["850", "x3", "855", "856", "810"]) expect(types).toContain(type);
    expect(firstOf("850")).toBeLessThan(firstOf("x3"));
    expect(firstOf("x3")).toBeLessThan(firstOf("855"));
    expect(firstOf("855")).toBeLessThan(firstOf("856"));
    expect(firstOf("856")).toBeLessThan(firstOf("810"));
    await page.screenshot({ path: join(shotsDir, "3-po-story.png"), fullPage: true });
  });

  it("shows a rejected XML document's reason, highlighted on the element it points at", async () => {
    const rejected = (await demo.stores.audit.findDocuments({ poNumber: XML_PO })).items[0];
    expect(rejected?.status).toBe("rejected");
    await open(`#/doc/${rejected?.id}`, "doc");
    expect(await page.getAttribute(".payload", "data-format")).toBe("xml");
    const highlighted = await page.locator(".payload .ln.hl").allTextContents();
    expect(highlighted).toEqual(
      ["<VendorPartNumber>GHOST-7</VendorPartNumber>"].map((line) => expect.stringContaining(line)),
    );
  });

  it("shows a rejected document's reason, highlighted where it points in the payload", async () => {
    const rejected = (await demo.stores.audit.findDocuments({ poNumber: "4500099999" })).items[0];
    await open(`#/doc/${rejected?.id}`, "doc");
    expect(await page.textContent(".reasons")).toContain("MYSTERY-9");
    const highlighted = await page.locator(".payload .ln.hl").allTextContents();
    expect(highlighted.join("\n")).toContain('"VendorPartNumber": "MYSTERY-9"');
    expect(highlighted.join("\n")).not.toContain("WID-001");
    await page.screenshot({ path: join(shotsDir, "4-document.png"), fullPage: true });
  });

  it("renders a <script> in a payload as text: nothing runs", async () => {
    const doc = (await demo.stores.audit.findDocuments({ poNumber: SCRIPT_PO })).items[0];
    await open(`#/doc/${doc?.id}`, "doc");
    expect(await page.textContent(".payload")).toContain("<script>window.__pwned = 1</script>");
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main script, main img").count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it("a view whose data comes late never replaces the page the operator moved to", async () => {
    // Hold the gaps answer until the operator has opened a document, then let it through.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/gaps", async (request) => {
      await held;
      await request.continue();
    });
    const gapsAnswered = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/gaps");
    await page.goto(`${consoleServer.origin}#/gaps`);
    const doc = (await demo.stores.audit.findDocuments({ poNumber: SCRIPT_PO })).items[0];
    await open(`#/doc/${doc?.id}`, "doc");
    release();
    await gapsAnswered;
    await page.unroute("**/api/gaps");
    // The late gaps data arrived after the document was shown: the document stays.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));
    expect(await page.getAttribute("body", "data-ready")).toBe("doc");
    expect(await page.locator(".payload").count()).toBe(1);
    expect(await page.locator('tr[data-kind="items"]').count()).toBe(0);
  });

  it("lists the mapping gap with its CSV row; after the import, 'replay all waiting' turns the document green", async () => {
    await open("#/gaps", "gaps");
    const rows = await page.locator('tr[data-kind="items"]').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.join("\n")).toContain("MYSTERY-9");
    expect(rows.join("\n")).toContain("GHOST-7");
    expect(rows.every((row) => row.includes("1 PO waiting"))).toBe(true);
    const csv = await page.textContent('pre[data-csv="items"]');
    expect(csv?.split("\r\n").sort()).toEqual(
      [
        "",
        "partnerId,itemRef,vendorPartNumber,buyerPartNumber,upc,gtin",
        "ACME,,MYSTERY-9,B-9999,,",
        "ACME,,GHOST-7,B-7777,,",
      ].sort(),
    );
    await page.screenshot({ path: join(shotsDir, "5-mapping-gaps.png"), fullPage: true });

    // The operator fills in the X3 item and imports the file, as `ml-connector mappings import` does.
    const file = join(dir, "missing-items.csv");
    // Only MYSTERY-9 is filled in: GHOST-7's PO stays waiting.
    const filled = (csv ?? "").split("\r\n").filter((line) => !line.includes("GHOST-7"));
    await writeFile(file, filled.join("\r\n").replace("ACME,,MYSTERY-9", "ACME,GAD-100,MYSTERY-9"));
    // One row, two identifiers (vendor and buyer part numbers): two mappings.
    expect(await importMappingCsvFile(demo.stores.mappings, "items", file)).toBe(2);

    await page.click("text=Replay all waiting");
    await page.waitForSelector("dialog.replay[open]");
    expect(await page.textContent("dialog.replay")).toContain("creates an X3 sales order for PO 4500099999");
    expect(await page.textContent("dialog.replay")).toContain(`creates an X3 sales order for PO ${XML_PO}`);
    await page.click("dialog.replay button.primary");
    await page.waitForSelector("dialog.replay .results li");
    expect(await page.locator('dialog.replay .results [data-status="created"]').count()).toBe(1);
    expect(await page.locator('dialog.replay .results [data-status="rejected"]').count()).toBe(1);
    await page.click("dialog.replay >> text=Close");

    const replayed = (await demo.stores.audit.findDocuments({ poNumber: "4500099999", type: "850" })).items[0];
    expect(replayed?.status).toBe("created");
    await open(`#/doc/${replayed?.id}`, "doc");
    expect(await page.getAttribute("h1 .badge", "class")).toContain("good");
    await open("#/gaps", "gaps");
    const left = await page.locator('tr[data-kind="items"]').allTextContents();
    expect(left).toEqual([expect.stringContaining("GHOST-7")]);
  });
});

describe("the console's API guards", () => {
  it("refuses requests without the token, from a foreign Host, and replays not sent from its own page", async () => {
    const api = `${consoleServer.origin}api/overview`;
    expect((await fetch(api)).status).toBe(401);
    expect((await fetch(api, { headers: { Authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await fetch(api, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const replay = (headers: Record<string, string>) =>
      fetch(`${consoleServer.origin}api/replay`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json", ...headers },
        body: JSON.stringify({ ids: ["x"] }),
      });
    expect((await replay({})).status).toBe(403);
    expect((await replay({ Origin: "http://evil.example" })).status).toBe(403);
    expect((await replay({ Origin: consoleServer.origin.slice(0, -1) })).status).toBe(200);
    // A page on another site cannot read the page through a DNS name that resolves to loopback.
    const { request } = await import("node:http");
    const status = await new Promise<number | undefined>((resolveStatus, reject) => {
      const url = new URL(consoleServer.origin);
      request(
        { host: url.hostname, port: url.port, path: "/", headers: { Host: `evil.example:${url.port}` } },
        (res) => {
          res.resume();
          resolveStatus(res.statusCode);
        },
      )
        .on("error", reject)
        .end();
    });
    expect(status).toBe(403);
  });

  it("served to the network (--host 0.0.0.0), refuses a request from another address without the token", async () => {
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((i) => i !== undefined && i.family === "IPv4" && !i.internal)?.address;
    const wide = await startConsole({
      data: {
        audit: demo.stores.audit,
        cursors: demo.stores.cursors,
        mappings: demo.stores.mappings,
        storeLabel: "wide",
        flows: {},
      },
      replay: (id) => demo.connector.replay(id),
      token: TOKEN,
      host: "0.0.0.0",
      port: 0,
    });
    try {
      const port = new URL(wide.origin).port;
      const host = outside ?? "127.0.0.1";
      expect((await fetch(`http://${host}:${port}/api/overview`)).status).toBe(401);
      expect((await fetch(`http://${host}:${port}/api/documents/x`)).status).toBe(401);
      const allowed = await fetch(`http://${host}:${port}/api/overview`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(allowed.status).toBe(200);
      const page = await fetch(`http://${host}:${port}/`);
      expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(await page.text()).not.toContain(TOKEN);
    } finally {
      await wide.close();
    }
  });
});
