// The chaos harness: both sandboxes in this process with seeded faults, the connector in a child process over a SQLite
// file, killed with SIGKILL at random points and restarted, while X3 users allocate, deliver and invoice what appears.
// After a final run without faults, every invariant of the connector that can be seen from outside is checked.
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ANSWER_ANOMALIES,
  bytesOf,
  changeFileNameOf,
  FaultInjector,
  fileNameOf,
  make850,
  make860,
  type OrderLineSpec,
  type SpsSandbox,
  startSandboxPair,
  supplyPartnerMappings,
} from "@ml-connector/sandbox";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { changeOrderEffect } from "@ml-connector/sync-core";
import { type ChangePlan, expectedLines, planOrderChanges } from "./order-changes.js";
import { seededRandom } from "./random.js";
import type { Endpoints } from "./wiring.js";

export interface ChaosOptions {
  orders: number;
  kills: number;
  seed: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface ChaosResult {
  orders: number;
  /** Second orders X3 users keyed by hand for a PO (same customer + CUSORDREF). */
  userDuplicates: number;
  /** 860s sent, and for how many POs. */
  orderChanges: { documents: number; pos: number };
  /** POs of the buy-side partner (X3 purchase orders). */
  purchaseOrders: number;
  faults: number;
  kills: number;
  invariants: number;
  violations: string[];
  uploadsPerName: { max: number; retried: number };
  durationMs: number;
  line: string;
}

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const childScript = fileURLToPath(new URL("./chaos-child.ts", import.meta.url));
const CLIENT_TIMEOUT_MS = 1_000;
const SAFETY_LAG_MS = 1_500;

/** The lines of PO number i: two or three, varied quantities. */
export function linesOf(i: number): OrderLineSpec[] {
  const lines: OrderLineSpec[] = [
    { vendorPart: "WID-001", qty: 1 + (i % 7), uom: "EA", price: 4.5 },
    { vendorPart: "WID-002", qty: 2 + (i % 5), uom: "EA", price: 5.25 },
  ];
  if (i % 3 === 0) lines.push({ upc: "012345678929", qty: 3 + (i % 4), uom: "EA", price: 12 });
  return lines;
}
export const poOf = (i: number) => `CH${String(i).padStart(5, "0")}`;

/** The buy-side partner (`orderKind: "purchase"`): its POs become X3 purchase orders and get no 855, 856 or 810. */
export const BUY_SIDE_PARTNER = supplyPartnerMappings.partners[0]?.partnerId ?? "SUPPLY";
/** One PO in ten goes to the buy-side partner (none of those users key duplicates of: they key sales orders). */
export const isPurchaseOrder = (i: number) => i % 10 === 4;
export const partnerOf = (i: number) => (isPurchaseOrder(i) ? BUY_SIDE_PARTNER : "ACME");

type X3Line = { SOPLIN?: number; ITMREF?: string; QTY?: number; GROPRI?: number };
type X3PurchaseLine = { POPLIN?: number; ITMREF?: string; QTYUOM?: number; GROPRI?: number };
/** An X3 order's lines as [item, quantity, gross price]. */
const linesInX3 = (order: Record<string, unknown> | undefined) =>
  ((order?.SOHSOP ?? []) as X3Line[]).map((l) => [String(l.ITMREF), Number(l.QTY), Number(l.GROPRI)] as const);
/** An X3 purchase order's lines as [item, quantity, gross price]. */
const purchaseLinesInX3 = (order: Record<string, unknown> | undefined) =>
  ((order?.POHPOP ?? []) as X3PurchaseLine[]).map(
    (l) => [String(l.ITMREF), Number(l.QTYUOM), Number(l.GROPRI)] as const,
  );
const sameLines = (
  inX3: readonly (readonly [string, number, number])[],
  expected: readonly { item: string; qty: number; price: number }[],
) => JSON.stringify(inX3) === JSON.stringify(expected.map((l) => [l.item, l.qty, l.price]));

/**
 * Hostile 850s mixed into the mailbox: identifiers the ledger and X3 are keyed by that must be refused before either
 * sees them. Each must end rejected with a reason; none may hold up the good orders.
 */
export const hostilePoNumbers: readonly string[] = ["CH\t1", "CH\u00001", "\ud800", "", "   ", "L".repeat(1000)];
export const hostileFileName = (i: number) => `POHOSTILE${i}-v7.7-BulkImport.json`;

/**
 * POs for which an X3 user keys a second sales order by hand (same customer, same CUSORDREF): every other one right
 * after the connector's order appears, the others before the connector gets to them (it may get there first).
 */
export const userDuplicateOf = (i: number): "after" | "before" | undefined =>
  i % 40 === 27 ? (Math.floor(i / 40) % 2 === 0 ? "after" : "before") : undefined;
/** The user's order number: X3 numbers orders keyed in by hand from the same sequence; ours stands out. */
export const userOrderKey = (po: string) => `HAND${po}`;
const isUserOrder = (key: unknown) => String(key).startsWith("HAND");

function installFaults(
  target: { faults: FaultInjector },
  counter: { faults: number; calls: number },
  onCall: () => void,
) {
  const { faults } = target;
  const pick = faults.pick.bind(faults);
  faults.pick = (route: string, method: string) => {
    counter.calls += 1;
    onCall();
    const rule = pick(route, method);
    if (rule) counter.faults += 1;
    return rule;
  };
  faults.add({ status: 503, probability: 0.1 });
  faults.add({ status: 429, retryAfter: 1, probability: 0.05 });
  faults.add({ latencyMs: CLIENT_TIMEOUT_MS + 500, probability: 0.02 });
  faults.add({ reset: true, probability: 0.005 });
  faults.add({ resetAfterHandler: true, probability: 0.005 });
}

/**
 * SPS answers that are not what they claim: upload answers lost after SPS stored the file (the connector must look
 * for it rather than send it again), and redirects, empty 204s, HTML error pages, wrong lengths and truncated bodies
 * on every route (never taken for a success or for a file's bytes).
 */
function spsAnomalies(sps: SpsSandbox) {
  sps.faults.add({ route: sps.routes.upload, method: "POST", resetAfterHandler: true, probability: 0.1 });
  for (const anomaly of ANSWER_ANOMALIES) sps.faults.add({ anomaly, probability: 0.004 });
}

/**
 * The connector child as one bundled ES module, built once per chaos run. Started through tsx, a child spent 2-4 s of
 * a loaded 2-core runner loading and transpiling the workspace's TypeScript (2.3 s of CPU) before it did any work,
 * and most kills, 2 to 7 s apart, fell in that start-up; bundled, it starts in about a fifth of the CPU. esbuild
 * comes with tsup (the workspace root's build tool); better-sqlite3 stays outside the bundle, imported from where
 * store-sqlite finds it, so its native binding loads from its own folder.
 */
async function bundleChild(dir: string): Promise<string> {
  type EsbuildPluginBuild = {
    onResolve(options: { filter: RegExp }, resolve: () => { path: string; external: boolean }): void;
  };
  type Esbuild = { build(options: Record<string, unknown>): Promise<unknown> };
  const fromRoot = createRequire(join(packageDir, "../../package.json"));
  const esbuild = createRequire(fromRoot.resolve("tsup"))("esbuild") as Esbuild;
  const sqlite = createRequire(join(packageDir, "../store-sqlite/package.json")).resolve("better-sqlite3");
  const outfile = join(dir, "chaos-child.mjs");
  await esbuild.build({
    entryPoints: [childScript],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["ml-connector-source"],
    logLevel: "error",
    // CommonJS dependencies in an ES module bundle call require().
    banner: {
      js: "import { createRequire as chaosRequire } from 'node:module'; const require = chaosRequire(import.meta.url);",
    },
    plugins: [
      {
        name: "better-sqlite3-outside",
        setup(build: EsbuildPluginBuild) {
          build.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true }));
        },
      },
    ],
  });
  return outfile;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed);
  const dir = await mkdtemp(join(tmpdir(), "ml-connector-chaos-"));
  const dbPath = join(dir, "state.sqlite");
  const pair = await startSandboxPair({
    sps: { random: seededRandom(options.seed + 1) },
    x3: { faults: new FaultInjector(seededRandom(options.seed + 2)) },
  });
  const { sps, x3 } = pair;
  const counter = { faults: 0, calls: 0 };
  let chaos = true;
  let spsCalls = 0;
  let x3Calls = 0;
  installFaults(sps, counter, () => {
    spsCalls += 1;
    if (chaos && spsCalls % 100 === 0) {
      sps.revokeAccessTokens();
      counter.faults += 1;
    }
  });
  installFaults(x3, counter, () => {
    x3Calls += 1;
    // X3's connected-app tokens are minted by the client; a revoked one is X3 answering 401 to it.
    if (chaos && x3Calls % 100 === 0) {
      x3.faults.add({ route: x3.routes.query, status: 401, times: 1 });
      counter.faults += 1;
    }
  });
  const children = new Set<ChildProcess>();
  try {
    const bundleStarted = Date.now();
    const childBundle = await bundleChild(dir);
    log(`child bundled in ${Date.now() - bundleStarted} ms`);
    spsAnomalies(sps);
    // 860s for about one PO in eight (none for those users key duplicates of): a third of them dropped with the
    // 850s (they wait for the order), the others once X3 shows the order (see moveX3).
    const changePlans = planOrderChanges(
      options.orders,
      options.seed,
      linesOf,
      (i) => userDuplicateOf(i) !== undefined,
    );
    const changeFiles = new Map<number, { name: string; bytes: Uint8Array }[]>();
    const sendChanges = (i: number, plan: ChangePlan) => {
      if (changeFiles.has(i)) return;
      const files = plan.changes.map((change) => {
        const spec = { partnerId: partnerOf(i), po: poOf(i), sequence: change.sequence, lines: change.lines };
        return { name: changeFileNameOf(spec, change.sequence), bytes: bytesOf(make860(spec)) };
      });
      changeFiles.set(i, files);
      for (const file of files) sps.mailbox.putOutbound(file.name, file.bytes);
    };
    for (let i = 0; i < options.orders; i += 1) {
      const spec = { partnerId: partnerOf(i), po: poOf(i), lines: linesOf(i) };
      sps.mailbox.putOutbound(fileNameOf(spec), bytesOf(make850(spec)));
      const plan = changePlans.get(i);
      if (plan?.early) sendChanges(i, plan);
      const hostile = i % 25 === 12 ? hostilePoNumbers[Math.floor(i / 25) % hostilePoNumbers.length] : undefined;
      if (hostile !== undefined) sps.mailbox.putOutbound(hostileFileName(i), bytesOf(make850({ po: hostile })));
    }
    const endpoints: Endpoints = pair.clients;
    const config = {
      endpoints,
      dbPath,
      startFrom: new Date(Date.now() - 3_600_000).toISOString(),
      timeoutMs: CLIENT_TIMEOUT_MS,
      lockTtlMs: 3_000,
      safetyLagMs: SAFETY_LAG_MS,
    };
    let lastRound:
      | {
          round: number;
          startedAt: number;
          finishedAt: number;
          results: { flow: string; documents: number; ms: number; error?: string; skipped?: string }[];
        }
      | undefined;
    const rounds: (typeof lastRound)[] = [];
    const startChild = () => {
      const child = spawn(process.execPath, [childBundle], {
        cwd: packageDir,
        env: { ...process.env, NODE_OPTIONS: "", CHAOS_CONFIG: JSON.stringify(config) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const spawnedAt = Date.now();
      children.add(child);
      let buffer = "";
      child.stdout?.setEncoding("utf8");
      child.stdout?.on("data", (chunk: string) => {
        buffer += chunk;
        let newline = buffer.indexOf("\n");
        while (newline >= 0) {
          const text = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf("\n");
          try {
            const parsed = JSON.parse(text);
            if (typeof parsed.ready === "number") {
              log(`child ready ${parsed.ready - spawnedAt} ms after its spawn`);
              continue;
            }
            lastRound = parsed;
            rounds.push(lastRound);
            if (lastRound)
              log(
                `round ${lastRound.round} (${lastRound.finishedAt - lastRound.startedAt} ms): ${lastRound.results
                  .map(
                    (r) =>
                      `${r.flow} ${r.documents} docs ${r.ms} ms${r.error ? " error" : ""}${r.skipped ? " skipped" : ""}`,
                  )
                  .join(", ")}`,
              );
          } catch {
            log(`child: ${text}`);
          }
        }
      });
      child.stderr?.setEncoding("utf8");
      child.stderr?.on("data", (chunk: string) => log(`child stderr: ${chunk.trim()}`));
      child.on("exit", () => children.delete(child));
      return child;
    };
    const kill = async (child: ChildProcess) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    };

    // X3 users key a second order for some POs, a copy of one the connector created (its lines, their own UUIDs).
    let userDuplicates = 0;
    const keyUserDuplicate = (template: Record<string, unknown>, po: string) => {
      if (x3.data.get("SORDER", userOrderKey(po))) return;
      const lines = (template.SOHSOP ?? []) as Record<string, unknown>[];
      x3.data.put("SORDER", {
        ...template,
        SOHNUM: userOrderKey(po),
        CUSORDREF: po,
        SOHSOP: lines.map(({ AUUID: _uuid, ...line }) => line),
      });
      userDuplicates += 1;
    };
    const beforePos = Array.from({ length: options.orders }, (_, i) => i).filter(
      (i) => userDuplicateOf(i) === "before",
    );
    let keyedBefore = false;

    // X3 users: allocate what is new, deliver what has been allocated for a while, invoice what was delivered.
    const state = new Map<
      string,
      { allocatedAt?: number; delivery?: string; deliveredAt?: number; invoice?: string }
    >();
    /**
     * A PO's 860s are through: X3 holds the order as the retailer last said, and the connector is done with each file
     * (it removes a file from the mailbox only once its outcome is recorded).
     */
    const changesThrough = (i: number, plan: ChangePlan, order: Record<string, unknown>) => {
      const out = sps.mailbox.paths("out");
      return (
        sameLines(linesInX3(order), expectedLines(linesOf(i), plan.changes)) &&
        (changeFiles.get(i) ?? []).every((file) => !out.some((path) => path.endsWith(`/${file.name}`)))
      );
    };
    const moveX3 = () => {
      const now = Date.now();
      // Purchase orders move on X3's buy side (receipts), which no flow reads: only their late 860s are sent here.
      for (const order of x3.data.list("PORDER")) {
        const i = Number(String(order.ORDREF).slice(2));
        const plan = changePlans.get(i);
        if (plan) sendChanges(i, plan);
      }
      for (const order of x3.data.list("SORDER")) {
        const key = String(order.SOHNUM);
        const entry = state.get(key) ?? {};
        state.set(key, entry);
        const i = isUserOrder(key) ? -1 : Number(String(order.CUSORDREF).slice(2));
        const plan = changePlans.get(i);
        if (plan) sendChanges(i, plan);
        if (chaos && entry.allocatedAt === undefined && !isUserOrder(key)) {
          if (userDuplicateOf(i) === "after") keyUserDuplicate(order, String(order.CUSORDREF));
          if (!keyedBefore) {
            // About to be created: keyed for POs the connector has not created yet (it may still get there first).
            keyedBefore = true;
            for (const b of beforePos) {
              const po = poOf(b);
              if (!x3.data.list("SORDER").some((o) => o.CUSORDREF === po)) keyUserDuplicate(order, po);
            }
          }
        }
        if (entry.allocatedAt === undefined) {
          x3.data.allocate(key);
          entry.allocatedAt = now;
        } else if (
          entry.delivery === undefined &&
          now - entry.allocatedAt > 2_500 &&
          (!plan || changesThrough(i, plan, order))
        ) {
          // A change never takes back what X3 delivered: users ship a changed PO once its changes are through,
          // allocated again for the quantities as changed.
          if (plan) x3.data.allocate(key);
          const delivery = x3.data.deliver(key, {
            carrier: "UPSN",
            mode: "ROAD",
            billOfLading: `BOL-${key}`,
            tracking: `1Z${key}`,
          });
          entry.delivery = String(delivery.SDHNUM);
          entry.deliveredAt = now;
        } else if (
          entry.delivery !== undefined &&
          entry.invoice === undefined &&
          now - (entry.deliveredAt ?? 0) > 2_500
        ) {
          entry.invoice = String(x3.data.invoice(entry.delivery).NUM);
        }
      }
    };
    const x3Timer = setInterval(moveX3, 250);

    // Chaos: run, kill at a random point, restart.
    let kills = 0;
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      while (kills < options.kills) {
        const child = startChild();
        await sleep(2_000 + Math.floor(random() * 5_000));
        await kill(child);
        kills += 1;
        const invoiced = [...state.values()].filter((s) => s.invoice).length;
        log(
          `kill ${kills}: ${x3.data.list("SORDER").length} orders, ${invoiced} invoiced, ${sps.mailbox.paths("out").length} in out/, ${counter.faults} faults`,
        );
      }

      // The final clean run: no faults, no revocations; until everything is settled and a round finds nothing to do.
      chaos = false;
      sps.faults.clear();
      x3.faults.clear();
      const finalChild = startChild();
      // Generous: the final run does most of the work at 1,000 POs on a loaded 2-core runner.
      const deadline = Date.now() + Math.max(180_000, options.orders * 360);
      let settledAt: number | undefined;
      while (Date.now() < deadline) {
        await sleep(250);
        const all = [...state.values()];
        const answered = new Set([
          ...x3.data.list("SORDER").map((o) => o.CUSORDREF),
          ...x3.data.list("PORDER").map((o) => o.ORDREF),
        ]);
        const done =
          Array.from({ length: options.orders }, (_, i) => poOf(i)).every((po) => answered.has(po)) &&
          all.length === x3.data.list("SORDER").length &&
          all.every((s) => s.invoice !== undefined);
        if (!done) continue;
        settledAt ??= Date.now();
        const since = settledAt + SAFETY_LAG_MS + 1_000;
        // A round that began after the last X3 change left the safety lag (plus a second of stamp precision), and did nothing.
        const quiet = rounds.filter(
          (r) => r && r.startedAt > since && r.results.every((x) => x.documents === 0 && !x.error && !x.skipped),
        );
        if (quiet.length >= 1 && sps.mailbox.paths("out").length === 0) break;
      }
      await kill(finalChild);
    } finally {
      clearInterval(x3Timer);
    }

    // ── The invariants ──
    const violations: string[] = [];
    let invariants = 0;
    const check = (ok: boolean, message: string) => {
      invariants += 1;
      if (!ok) violations.push(message);
    };
    const stores = createSqliteStores({ path: dbPath });
    const uploads = new Map<string, number>();
    try {
      const orders = x3.data.list("SORDER");
      const purchaseOrders = x3.data.list("PORDER");
      // Orders users keyed are not the connector's: count those it created.
      const connectorOrders = orders.filter((o) => !isUserOrder(o.SOHNUM));
      const userOrders = orders.length - connectorOrders.length;
      check(userOrders === userDuplicates, `X3 has ${userOrders} user orders, ${userDuplicates} were keyed`);
      check(
        connectorOrders.length <= options.orders,
        `X3 has ${connectorOrders.length} sales orders from the connector, at most ${options.orders} expected`,
      );
      const inbound = sps.mailbox.inbound();
      const inNames = inbound.map((f) => f.name);
      check(sps.mailbox.paths("out").length === 0, `out/ still holds ${sps.mailbox.paths("out").join(", ")}`);
      check(
        inbound.every((f) => f.status === "accepted"),
        `SPS refused ${inbound
          .filter((f) => f.status !== "accepted")
          .map((f) => f.name)
          .join(", ")}`,
      );
      check((await stores.audit.listInProgress()).length === 0, "ledger entries left in progress");
      const posted = new Map<string, string>();
      for (const type of ["855", "856", "810"] as const) {
        let cursor: string | undefined;
        do {
          const page = await stores.audit.findDocuments({
            type,
            status: "posted",
            limit: 500,
            ...(cursor ? { cursor } : {}),
          });
          for (const d of page.items) if (d.fileName) posted.set(d.fileName, type);
          cursor = page.nextCursor;
        } while (cursor);
      }
      /** How many of each outbound type were posted for an X3 order, and in/ holds, by the file-name prefix. */
      /** What the audit store holds for an outbound document that is missing from in/ (for the violation message). */
      const auditOf = async (type: "855" | "856" | "810", x3Key: string | undefined) => {
        const { items } = await stores.audit.findDocuments({ type, x3Key: x3Key ?? "?" });
        return JSON.stringify(
          items.map((d) => [d.status, d.fileName, d.createdAt.toISOString(), d.reasons.map((r) => r.message)]),
        );
      };
      const answersOf = (key: string) => {
        const entry = state.get(key);
        return (
          [
            ["855", key],
            ["856", entry?.delivery],
            ["810", entry?.invoice],
          ] as const
        ).map(([type, x3Key]) => ({
          type,
          x3Key,
          files: inNames.filter((n) => n.startsWith(`${{ "855": "PR", "856": "SH", "810": "IN" }[type]}${x3Key}-`)),
        }));
      };
      /** Revision 1 of the order's 855 built from X3's data (no 850), revision 2 from the PO's 850, both sent. */
      const revisedFrom850 = async (x3Key: string | undefined, orderDocumentId: string | undefined) => {
        const { items } = await stores.audit.findDocuments({ type: "855", x3Key: x3Key ?? "?" });
        const sent = items.filter((d) => ["posted", "accepted_by_sps", "rejected_by_sps"].includes(d.status));
        const revision = (n: number) => sent.find((d) => d.revision === n);
        return (
          sent.length === 2 &&
          revision(1)?.metadata?.orderDocumentId === undefined &&
          orderDocumentId !== undefined &&
          revision(2)?.metadata?.orderDocumentId === orderDocumentId
        );
      };
      /**
       * A PO a user keyed a second order for. The connector never created a second one; its 850 ended as one of:
       * created (the order it created is answered, the user's refused with a reason), duplicate (it found the user's
       * order before creating its own: that one is answered), or refused with X3's reason (two orders when it looked).
       */
      const checkUserDuplicate = async (po: string, all: Record<string, unknown>[]) => {
        const mine = all.filter((o) => !isUserOrder(o.SOHNUM));
        check(mine.length <= 1, `PO ${po}: ${mine.length} X3 orders created by the connector`);
        const chain = await stores.audit.chain({ poNumber: po, partnerId: "ACME" });
        const in850 = chain.documents.filter((d) => d.type === "850");
        check(in850.length === 1, `PO ${po}: ${in850.length} 850 documents`);
        const document = in850[0];
        const status = document?.status;
        const mineKey = mine[0] ? String(mine[0].SOHNUM) : undefined;
        const userKey = userOrderKey(po);
        let answered: string | undefined;
        let adopted = false;
        if (status === "created" && mineKey === undefined && document?.x3Key === userKey) {
          // Adopted: the create was in doubt after a kill (begun in the ledger, its call maybe not sent) and the lookup
          // that settles a doubtful create found one order for the PO, the user's. The connector cannot tell it from
          // its own (X3 has no idempotency key); it answers that one order once and never creates a second.
          check(all.length === 1, `PO ${po}: the 850 adopted ${userKey}, yet X3 has ${all.length} orders`);
          adopted = true;
          for (const { type, x3Key, files } of answersOf(userKey)) {
            if (files.length > 0) continue;
            const { items } = await stores.audit.findDocuments({ type, x3Key: x3Key ?? "?" });
            check(
              items.some((d) => d.status === "rejected" && d.reasons.length > 0),
              `PO ${po}: the adopted order ${userKey} has no ${type}, sent or refused with a reason`,
            );
          }
        } else if (status === "created") {
          check(document?.x3Key === mineKey, `PO ${po}: the 850 created ${document?.x3Key}, X3 has ${mineKey}`);
          answered = mineKey;
          const refused = chain.documents.filter((d) => d.x3Key === userKey && d.status === "rejected");
          check(
            refused.length > 0 && refused.every((d) => d.reasons.some((r) => r.code === "not_connector_order")),
            `PO ${po}: the user's order ${userKey} was not refused with a reason`,
          );
          for (const { type, files } of answersOf(userKey))
            check(files.length === 0, `PO ${po}: the user's order has ${type} files ${files.join(", ")}`);
        } else if (status === "duplicate") {
          check(mineKey === undefined, `PO ${po}: duplicate 850, yet the connector created ${mineKey}`);
          check(document?.x3Key === userKey, `PO ${po}: duplicate 850 names ${document?.x3Key}, not ${userKey}`);
          // The user's order is answered as any order keyed in X3 is, from X3's data: what that cannot build (an
          // 856 whose X3 address maps to no single ship-to location of the partner) is refused with a reason.
          for (const { type, x3Key, files } of answersOf(userKey)) {
            if (files.length > 0) continue;
            const { items } = await stores.audit.findDocuments({ type, x3Key: x3Key ?? "?" });
            check(
              items.some((d) => d.status === "rejected" && d.reasons.length > 0),
              `PO ${po}: the user's order ${userKey} has no ${type}, sent or refused with a reason`,
            );
          }
        } else {
          check(
            (status === "rejected" || status === "failed") &&
              (document?.reasons ?? []).some((r) => r.message.includes("More than one SORDER")),
            `PO ${po}: 850 ${status} ${JSON.stringify(document?.reasons)}, expected created, duplicate or X3's reason`,
          );
        }
        for (const order of all) {
          const key = String(order.SOHNUM);
          for (const { type, x3Key, files } of answersOf(key)) {
            const expected =
              key === answered ? 1 : key === userKey && status === "created" && !adopted ? 0 : files.length;
            // An adopted order answered from X3's data before its 850 was linked: its 855 may be revised once, from
            // the 850 (echoing the retailer's dates and lines), and only so. Its 856 and 810 never go twice.
            const most = adopted && type === "855" && (await revisedFrom850(x3Key, document?.id)) ? 2 : 1;
            if (files.length !== expected || files.length > most) {
              // What the audit trail says of these answers and of the PO's 850, to tell the interleaving apart.
              const the850 = JSON.stringify([status, document?.x3Key, document?.reasons.map((r) => r.code)]);
              log(`PO ${po}: ${type} of ${key}: ${await auditOf(type, x3Key)}; its 850: ${the850}; files ${files}`);
            }
            check(
              files.length === expected && files.length <= most,
              `PO ${po}: order ${key} has ${files.length} ${type} files`,
            );
          }
        }
      };
      /**
       * Each 860 of PO i applied once: one audit document per file, updated, its ledger effect done for it, linked
       * 850 <- 860 (revises) and 860 -> the X3 order `key` (updated); no 860 the PO was not sent.
       */
      const checkChanges = async (
        i: number,
        chain: Awaited<ReturnType<typeof stores.audit.chain>>,
        in850Id: string | undefined,
        key: string,
      ) => {
        const po = poOf(i);
        const partnerId = partnerOf(i);
        const in860 = chain.documents.filter((d) => d.type === "860");
        const files860 = changeFiles.get(i) ?? [];
        check(
          in860.length === files860.length,
          `PO ${po}: the audit chain has ${in860.length} 860 documents, ${files860.length} were sent`,
        );
        for (const file of files860) {
          const documents860 = in860.filter((d) => d.fileName === file.name);
          const document = documents860[0];
          check(
            documents860.length === 1 && document?.status === "updated" && document.x3Key === key,
            `PO ${po}: 860 ${file.name}: ${JSON.stringify(documents860.map((d) => [d.status, d.x3Key, d.reasons]))}`,
          );
          if (!document) continue;
          const contentSha256 = createHash("sha256").update(file.bytes).digest("hex");
          const effect = await stores.audit.getEffect(changeOrderEffect.key({ partnerId, po, contentSha256 }));
          check(
            effect?.state === "done" &&
              effect.documentId === document.id &&
              (effect.result as { x3Key?: unknown } | undefined)?.x3Key === key,
            `PO ${po}: 860 ${file.name}: ledger effect ${JSON.stringify(effect && [effect.state, effect.documentId, effect.result])}`,
          );
          const from = (l: (typeof chain.links)[number]) => l.from.kind === "document" && l.from.id === document.id;
          const revises = chain.links.filter(
            (l) => from(l) && l.relation === "revises" && l.to.kind === "document" && l.to.id === in850Id,
          );
          const updates = chain.links.filter(
            (l) => from(l) && l.relation === "updated" && l.to.kind === "x3" && l.to.key === key,
          );
          check(
            revises.length === 1 && updates.length === 1,
            `PO ${po}: 860 ${file.name}: ${revises.length} links to its 850, ${updates.length} to ${key}`,
          );
        }
      };
      /**
       * A PO of the buy-side partner: one X3 purchase order (never a sales order) whose lines are the retailer's last
       * word, its 850 and 860s in the audit chain, and no 855, 856 or 810: those are the seller's documents.
       */
      const checkPurchaseOrder = async (i: number) => {
        const po = poOf(i);
        const all = purchaseOrders.filter((o) => o.ORDREF === po);
        check(
          all.length === 1 && all[0]?.BPSNUM === "S0001",
          `PO ${po} (buy-side): ${all.length} X3 purchase orders ${JSON.stringify(all.map((o) => [o.POHNUM, o.BPSNUM]))}`,
        );
        check(!orders.some((o) => o.CUSORDREF === po), `PO ${po} (buy-side): an X3 sales order was created`);
        const order = all[0];
        if (!order) return;
        const key = String(order.POHNUM);
        const inX3 = purchaseLinesInX3(order);
        const expected = expectedLines(linesOf(i), changePlans.get(i)?.changes);
        check(
          sameLines(inX3, expected),
          `PO ${po} (buy-side): X3 lines ${JSON.stringify(inX3)}, expected ${JSON.stringify(expected.map((l) => [l.item, l.qty, l.price]))}`,
        );
        const lineNumbers = ((order.POHPOP ?? []) as X3PurchaseLine[]).map((l) => l.POPLIN);
        check(new Set(lineNumbers).size === lineNumbers.length, `PO ${po}: X3 line numbers ${lineNumbers} repeat`);
        const files = inNames.filter((n) => ["PR", "SH", "IN"].some((prefix) => n.startsWith(`${prefix}${key}-`)));
        check(files.length === 0, `PO ${po} (buy-side): in/ holds ${files.join(", ")}`);
        const outbound = await stores.audit.findDocuments({ poNumber: po, direction: "out", limit: 10 });
        check(
          outbound.items.length === 0,
          `PO ${po} (buy-side): outbound documents ${JSON.stringify(outbound.items.map((d) => [d.type, d.status]))}`,
        );
        const chain = await stores.audit.chain({ poNumber: po, partnerId: BUY_SIDE_PARTNER });
        const in850 = chain.documents.filter((d) => d.type === "850" && d.status === "created");
        check(in850.length === 1 && in850[0]?.x3Key === key, `PO ${po}: ${in850.length} created 850 documents`);
        await checkChanges(i, chain, in850[0]?.id, key);
      };
      for (let i = 0; i < options.orders; i += 1) {
        if (isPurchaseOrder(i)) {
          await checkPurchaseOrder(i);
          continue;
        }
        const po = poOf(i);
        const all = orders.filter((o) => o.CUSORDREF === po && o.BPCORD === "C0001");
        const matches = all.filter((o) => !isUserOrder(o.SOHNUM));
        if (userDuplicateOf(i) !== undefined && all.length > matches.length) {
          await checkUserDuplicate(po, all);
          continue;
        }
        check(matches.length === 1, `PO ${po}: ${matches.length} X3 orders`);
        const order = matches[0];
        if (!order) continue;
        const key = String(order.SOHNUM);
        // The X3 order's lines are the retailer's last word: the 850 with its 860s applied in sequence, each line
        // once, none left over from before a change (items, quantities, prices, in order).
        const plan = changePlans.get(i);
        const inX3 = linesInX3(x3.data.get("SORDER", key));
        const expected = expectedLines(linesOf(i), plan?.changes);
        check(
          sameLines(inX3, expected),
          `PO ${po}: X3 lines ${JSON.stringify(inX3)}, expected ${JSON.stringify(expected.map((l) => [l.item, l.qty, l.price]))}`,
        );
        const lineNumbers = ((x3.data.get("SORDER", key)?.SOHSOP ?? []) as X3Line[]).map((l) => l.SOPLIN);
        check(new Set(lineNumbers).size === lineNumbers.length, `PO ${po}: X3 line numbers ${lineNumbers} repeat`);
        const entry = state.get(key);
        const documents = [
          ["855", `PR${key}-`],
          ["856", `SH${entry?.delivery}-`],
          ["810", `IN${entry?.invoice}-`],
        ] as const;
        const fileCounts: Record<string, number> = {};
        for (const [type, prefix] of documents) {
          const files = inNames.filter((n) => n.startsWith(prefix));
          fileCounts[type] = files.length;
          // A changed PO's order is acknowledged again (an 855 revision) for what each 860 changed: one or more.
          const ok = type === "855" && plan ? files.length >= 1 : files.length === 1;
          if (!ok) {
            const x3Key = { "855": key, "856": entry?.delivery, "810": entry?.invoice }[type];
            log(`PO ${po}: ${type} of ${key}: ${await auditOf(type, x3Key)}`);
          }
          check(ok, `PO ${po}: ${files.length} ${type} files in in/ (${files.join(", ")})`);
          for (const file of files)
            check(posted.get(file) === type, `PO ${po}: ${type} ${file} not posted in the audit store`);
        }
        // The audit history: the 850 created, linked to its order; the chain reaches the 855, 856 and 810.
        const chain = await stores.audit.chain({ poNumber: po, partnerId: "ACME" });
        const in850 = chain.documents.filter((d) => d.type === "850" && d.status === "created");
        check(in850.length === 1 && in850[0]?.x3Key === key, `PO ${po}: ${in850.length} created 850 documents`);
        check(in850[0]?.payloadSha256 !== undefined, `PO ${po}: the 850's raw bytes are not stored`);
        for (const type of ["855", "856", "810"] as const) {
          const docs = chain.documents.filter((d) => d.type === type && d.status === "posted");
          const expectedCount = type === "855" && plan ? fileCounts[type] : 1;
          check(
            docs.length === expectedCount,
            `PO ${po}: the audit chain has ${docs.length} posted ${type} documents, expected ${expectedCount}`,
          );
        }
        await checkChanges(i, chain, in850[0]?.id, key);
      }
      if (violations.length > 0) {
        for (const status of ["rejected", "failed", "received"] as const) {
          const page = await stores.audit.findDocuments({ status, direction: "out", limit: 50 });
          for (const d of page.items)
            log(`audit ${status}: ${d.type} ${d.fileName} ${d.x3Key} ${JSON.stringify(d.reasons)}`);
        }
        log(`cursors: ${JSON.stringify(await stores.cursors.list())}`);
      }
      // Every file of in/ is one the audit store knows as posted: nothing uploaded behind its back.
      for (const name of inNames) check(posted.has(name), `in/${name} has no posted audit document`);
      // Every hostile file is rejected with a reason.
      for (let i = 0; i < options.orders; i += 1) {
        if (i % 25 !== 12) continue;
        const [document] = (await stores.audit.findDocuments({ fileName: hostileFileName(i) })).items;
        check(
          document?.status === "rejected" && document.reasons.length > 0,
          `${hostileFileName(i)}: ${document?.status ?? "no audit document"}, expected rejected with a reason`,
        );
      }
      // SPS is not trusted to overwrite: one upload per file name, lost answers and kills notwithstanding.
      for (const entry of sps.mailbox.history()) {
        if (entry.direction !== "in") continue;
        const count = entry.status_log.filter((s) => s.status === "uploaded").length;
        uploads.set(entry.path, (uploads.get(entry.path) ?? 0) + Math.max(1, count));
      }
      for (const [path, count] of uploads) {
        if (count === 1) continue;
        const fileName = path.split("/").pop() ?? path;
        const documents = (await stores.audit.findDocuments({ fileName, direction: "out" })).items;
        log(`audit ${path}: ${JSON.stringify(documents.map((d) => [d.id, d.status, d.revision, d.reasons]))}`);
      }
    } finally {
      await stores.close();
    }
    const counts = [...uploads.values()];
    for (const [path, count] of uploads) check(count === 1, `${path} uploaded ${count} times`);
    const result: ChaosResult = {
      orders: options.orders,
      userDuplicates,
      orderChanges: {
        documents: [...changeFiles.values()].reduce((sum, files) => sum + files.length, 0),
        pos: changeFiles.size,
      },
      purchaseOrders: Array.from({ length: options.orders }, (_, i) => i).filter(isPurchaseOrder).length,
      faults: counter.faults,
      kills,
      invariants,
      violations,
      uploadsPerName: { max: Math.max(0, ...counts), retried: counts.filter((c) => c > 1).length },
      durationMs: Date.now() - started,
      line: "",
    };
    result.line = `chaos: ${result.orders} POs, ${result.userDuplicates} user-keyed duplicate orders, ${result.purchaseOrders} POs of a buy-side partner, ${result.orderChanges.documents} order changes (860) for ${result.orderChanges.pos} POs, ${result.faults} faults injected, ${result.kills} kills, ${result.invariants} invariants checked, ${violations.length} violations`;
    return result;
  } finally {
    for (const child of children) child.kill("SIGKILL");
    await pair.close();
    await rm(dir, { recursive: true, force: true });
  }
}
