/**
 * Both sandboxes in a process of their own, driven by messages from the bench (see remote-sandboxes.ts): the
 * simulators' CPU (routing, JSON, X3 business checks, upload validation) then does not share the connector's event
 * loop, and the connector's memory is measured alone.
 */
import { startSandboxPair } from "@ml-connector/sandbox";
import { serveCalls } from "./child-calls.js";
import { bytesOf, fileNameOf, make850 } from "./orders.js";

export type HostRequest =
  | { op: "fill"; count: number; lines: number; tag: string }
  | { op: "setLatency"; ms: number }
  | { op: "resetCounters" }
  | { op: "requests" }
  | { op: "invoiceAllOrders" }
  | { op: "deliverAllOrders" }
  | { op: "allocateAllOrders" }
  | { op: "inbound" }
  | { op: "outboundCount" }
  | { op: "memory" }
  | { op: "cpu" }
  | { op: "close" };

const sandboxes = await startSandboxPair();
let poSeq = 0;
/** How far the set-up took each order (each is taken there once): allocated, or delivered (and maybe invoiced). */
const stages = ["allocated", "shipped"] as const;
const reached = new Map<string, number>();

/** Takes every order that has not reached `stage` yet there, by `step`; answers how many it took. */
function advanceOrders(stage: (typeof stages)[number], step: (orderNumber: string) => unknown): number {
  const rank = stages.indexOf(stage) + 1;
  let advanced = 0;
  for (const order of sandboxes.x3.data.list("SORDER")) {
    const number = String(order.SOHNUM);
    if ((reached.get(number) ?? 0) >= rank) continue;
    reached.set(number, rank);
    step(number);
    advanced += 1;
  }
  return advanced;
}

const deliverInFull = (number: string) => {
  sandboxes.x3.data.allocate(number);
  return sandboxes.x3.data.deliver(number, { carrier: "UPSN", billOfLading: `BOL${number}` });
};

async function handle(request: HostRequest): Promise<unknown> {
  switch (request.op) {
    case "fill": {
      for (let i = 0; i < request.count; i++) {
        const po = `${request.tag}${String(poSeq++).padStart(7, "0")}`;
        sandboxes.sps.mailbox.putOutbound(fileNameOf(po), bytesOf(make850(po, request.lines)));
      }
      return request.count;
    }
    case "setLatency":
      sandboxes.setLatency(request.ms);
      return null;
    case "resetCounters":
      sandboxes.resetCounters();
      return null;
    case "requests":
      return sandboxes.requests();
    case "invoiceAllOrders":
      // What X3 users do to every order not yet delivered: allocate it fully, deliver it, post the invoice.
      return advanceOrders("shipped", (number) => {
        const delivery = deliverInFull(number);
        sandboxes.x3.data.invoice(String(delivery.SDHNUM));
      });
    case "deliverAllOrders":
      // What X3 users do to every order not yet delivered: allocate it fully, deliver it (validated).
      return advanceOrders("shipped", deliverInFull);
    case "allocateAllOrders":
      // What X3 users do to every order not yet allocated: allocate its stock in full (what an 855 acknowledges).
      return advanceOrders("allocated", (number) => sandboxes.x3.data.allocate(number));
    case "inbound": {
      const files = sandboxes.sps.mailbox.inbound();
      const byStatus: Record<string, number> = {};
      for (const file of files) byStatus[file.status] = (byStatus[file.status] ?? 0) + 1;
      return { count: files.length, byStatus };
    }
    case "outboundCount":
      return sandboxes.sps.mailbox.paths("out").length;
    case "memory":
      return { rssBytes: process.memoryUsage().rss };
    case "cpu": {
      // This process's CPU so far (ms): the simulators' share of the cores the connector runs on.
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1000;
    }
    case "close":
      await sandboxes.close();
      return null;
  }
}

serveCalls(handle, sandboxes.clients);
