// Plays the outside scheduler: it calls the handlers the way a serverless platform does, retries included, against
// the SPS and Sage X3 sandboxes, with the integration's SQLite file in a temporary folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSageX3Sandbox, startSpsSandbox } from "@ml-connector/sandbox";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import { createHandlers, type HandlerResult } from "./handlers.js";

/** A retailer's 850 (RSX 7.7 JSON) for two items, as SPS puts it in out/. */
function purchaseOrder(poNumber: string): string {
  const line = (n: number, item: string, qty: number, price: number) => ({
    OrderLine: {
      LineSequenceNumber: String(n),
      VendorPartNumber: item,
      OrderQty: qty,
      OrderQtyUOM: "EA",
      PurchasePrice: price,
    },
  });
  return JSON.stringify({
    Header: {
      OrderHeader: {
        TradingPartnerId: "ACME",
        PurchaseOrderNumber: poNumber,
        TsetPurposeCode: "00",
        PrimaryPOTypeCode: "SA",
        PurchaseOrderDate: "2026-11-24",
      },
      Address: [{ AddressTypeCode: "ST", LocationCodeQualifier: "92", AddressLocationNumber: "0042" }],
    },
    LineItem: [line(1, "WID-001", 10, 4.5), line(2, "WID-002", 5, 5.25)],
    Summary: { TotalLineItemNumber: 2 },
  });
}

export interface SimulationResult {
  calls: { name: string; result: HandlerResult }[];
  x3Orders: number;
  uploaded: string[];
  tokenRequests: number;
  chain: string[];
}

export async function runSimulation(print: (line: string) => void = console.log): Promise<SimulationResult> {
  const sps = await startSpsSandbox();
  const x3 = await startSageX3Sandbox();
  const dir = await mkdtemp(join(tmpdir(), "ml-connector-ipaas-"));
  try {
    const { ordersIn, acksOut, asnsOut, invoicesOut } = createHandlers({
      storePath: join(dir, "integration.db"),
      sps: { baseUrl: sps.baseUrl, authUrl: sps.authUrl, credentials: sps.credentials },
      x3: {
        serverUrl: x3.baseUrl,
        endpoint: x3.endpoint,
        auth: { mode: "connected-app", ...x3.credentials.connectedApp },
      },
      mappings: {
        partners: [{ partnerId: "ACME", x3Customer: "C0001", site: "US01", orderType: "SON", currency: "USD" }],
        shipTos: [{ partnerId: "ACME", locationNumber: "0042", x3AddressCode: "DC01" }],
        items: [
          { kind: "vendorPartNumber", value: "WID-001", itemRef: "WID-001" },
          { kind: "vendorPartNumber", value: "WID-002", itemRef: "WID-002" },
        ],
        uoms: [{ ediUnit: "EA", x3Unit: "EA" }],
      },
      gs1CompanyPrefix: "0614141",
      clock: x3.clock,
    });

    const calls: SimulationResult["calls"] = [];
    const call = async (name: string, handler: () => Promise<HandlerResult>) => {
      const result = await handler();
      calls.push({ name, result });
      const what = result.skipped ? `skipped (${result.skipped})` : JSON.stringify(result.outcomes);
      print(
        `${name.padEnd(38)} ${result.documents} document(s) ${what}${result.error ? ` ${result.error.message}` : ""}`,
      );
      return result;
    };
    const deadline = () => ({ deadline: Date.now() + 60_000 });

    sps.mailbox.putOutbound("PO2001-1-v7.7-BulkImport.json", purchaseOrder("2001"));
    sps.mailbox.putOutbound("PO2002-1-v7.7-BulkImport.json", purchaseOrder("2002"));
    await call("ordersIn (every 10 min)", () => ordersIn(deadline()));
    await call("ordersIn (the platform retries it)", () => ordersIn(deadline()));

    // The platform delivers one timer event twice, at the same moment: the flow lock lets one through.
    sps.mailbox.putOutbound("PO2003-1-v7.7-BulkImport.json", purchaseOrder("2003"));
    await Promise.all([
      call("ordersIn (duplicate delivery, A)", () => ordersIn(deadline())),
      call("ordersIn (duplicate delivery, B)", () => ordersIn(deadline())),
    ]);

    // X3 users allocate, deliver and invoice PO 2001; a minute later each outbound handler runs twice.
    const order = x3.data.list("SORDER").find((record) => record.CUSORDREF === "2001");
    if (!order) throw new Error("PO 2001 is not in X3");
    const orderNumber = String(order.SOHNUM);
    x3.data.allocate(orderNumber);
    x3.clock.advance(60_000);
    await call("acksOut", () => acksOut(deadline()));
    await call("acksOut (again)", () => acksOut(deadline()));
    const delivery = x3.data.deliver(orderNumber, { carrier: "UPSN", billOfLading: "BOL-2001" });
    x3.clock.advance(60_000);
    await call("asnsOut", () => asnsOut(deadline()));
    await call("asnsOut (again)", () => asnsOut(deadline()));
    x3.data.invoice(String(delivery.SDHNUM));
    x3.clock.advance(60_000);
    await call("invoicesOut", () => invoicesOut(deadline()));
    await call("invoicesOut (again)", () => invoicesOut(deadline()));

    // What the systems hold, and the audit trail as the next invocation (or an operator) sees it in the file.
    const x3Orders = x3.data.list("SORDER").length;
    const uploaded = sps.mailbox.inbound().map((file) => file.name);
    const tokenRequests = sps.counters.get("token");
    const stores = createSqliteStores({ path: join(dir, "integration.db") });
    const chain = await stores.audit.chain({ poNumber: "2001" });
    await stores.close();
    const links = chain.documents.map((doc) => `${doc.type} ${doc.status}`);
    print(`\nX3 sales orders: ${x3Orders} (one per PO, however often orders-in ran)`);
    print(`SPS in/: ${uploaded.join(", ")}`);
    print(`SPS token requests: ${tokenRequests} (the token lives in the store between invocations)`);
    print(`PO 2001 in the audit trail: ${links.join(" → ")}`);
    return { calls, x3Orders, uploaded, tokenRequests, chain: links };
  } finally {
    await Promise.all([sps.close(), x3.close()]);
    await rm(dir, { recursive: true, force: true });
  }
}
