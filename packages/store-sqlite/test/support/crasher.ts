// A child process that writes two 850s the way orders-in does and dies (SIGKILL) before anything else commits the
// second one's outcome (see ../group-commit.test.ts).
// Usage: node --conditions=ml-connector-source --import tsx crasher.ts <db path>
import { receivedOrder, settleCreatedOrder } from "@ml-connector/state/testing";
import { createSqliteStores } from "../../src/index.js";

const [path] = process.argv.slice(2);
if (path === undefined) throw new Error("usage: crasher <path>");
// A hold longer than the test: only a durable write commits.
const stores = createSqliteStores({ path, commitHoldMs: 600_000 });
for (const po of ["PO1", "PO2"]) {
  const document = await stores.audit.recordDocument(
    receivedOrder({ id: po, naturalKey: `850:ACME:${po}`, poNumber: po, payload: new Uint8Array([1, 2, 3]) }),
  );
  await stores.audit.beginEffect(`x3.create:ACME:${po}`, { operation: "x3.create", documentId: document.id });
  await settleCreatedOrder(stores.audit, document.id, `x3.create:ACME:${po}`, `SO-${po}`);
}
process.kill(process.pid, "SIGKILL");
