// Type-level tests: checked by `tsc -p tsconfig.json` (the package's typecheck), not run.
import { expectTypeOf } from "vitest";
import {
  createSageX3Client,
  type Delivery,
  type FieldOf,
  type PurchaseOrder,
  type SageX3Client,
  type SalesOrder,
  where,
} from "../src/index.js";

declare const client: SageX3Client;

expectTypeOf(client.query("SORDER")).toEqualTypeOf<AsyncGenerator<SalesOrder>>();
expectTypeOf(client.changedSince("SDELIVERY", new Date())).toEqualTypeOf<AsyncGenerator<Delivery>>();
expectTypeOf(client.read("PORDER", "PO1")).toEqualTypeOf<Promise<PurchaseOrder | undefined>>();
expectTypeOf(client.findByNaturalKey("SORDER", { BPCORD: "C", CUSORDREF: "R" })).toEqualTypeOf<
  Promise<SalesOrder | undefined>
>();

// Where and orderBy fields are the class's scalar properties.
expectTypeOf<"BPCORD">().toExtend<FieldOf<"SORDER">>();
expectTypeOf<"SOHSOP">().not.toExtend<FieldOf<"SORDER">>();
client.query("SORDER", { where: (w) => w.eq("CUSORDREF", "x"), orderBy: [["UPDDATTIM", "desc"], "SOHNUM"] });
// @ts-expect-error: SOHSOP is a child collection, not a where field
client.query("SORDER", { where: (w) => w.eq("SOHSOP", "x") });
// @ts-expect-error: not a SORDER property
client.query("SORDER", { orderBy: ["BPSNUM"] });
// @ts-expect-error: a string is not a where clause
client.query("SORDER", { where: "BPCORD eq 'x'" });
// @ts-expect-error: booleans are not X3 literals
where.eq("BPCORD", true);
// @ts-expect-error: wrong natural key for purchase orders
client.findByNaturalKey("PORDER", { BPCORD: "C", CUSORDREF: "R" });

// Auth settings are a discriminated union.
createSageX3Client({
  serverUrl: "https://x3.example.com",
  endpoint: "SEED",
  // @ts-expect-error: basic needs a password
  auth: { mode: "basic", username: "u" },
});
