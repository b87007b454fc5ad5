import { readdirSync, readFileSync } from "node:fs";
import { type Order, parseRsx } from "../../src/index.js";

export const fixturesDir = new URL("../fixtures/", import.meta.url);
export const ordersDir = new URL("../fixtures/orders/", import.meta.url);

export interface OrderFixture {
  readonly fileName: string;
  readonly model: string;
  readonly bytes: Uint8Array;
  readonly order: Order;
}

/** The 850 fixtures (one per model), parsed. */
export function loadOrderFixtures(): OrderFixture[] {
  return readdirSync(ordersDir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((fileName) => {
      const bytes = readFileSync(new URL(fileName, ordersDir));
      const parsed = parseRsx(bytes, { fileName });
      if (!parsed.ok || parsed.type !== "Order") {
        throw new Error(
          `fixture ${fileName} does not parse: ${JSON.stringify(parsed.ok ? parsed.type : parsed.issues)}`,
        );
      }
      const model = /-v7\.7-(\w+)\.json$/.exec(fileName)?.[1] ?? "";
      return { fileName, model, bytes, order: parsed.document };
    });
}

export function orderFixture(model: string): OrderFixture {
  const found = loadOrderFixtures().find((f) => f.model === model);
  if (!found) throw new Error(`no ${model} fixture`);
  return found;
}

export function readFixture(relative: string): string {
  return readFileSync(new URL(relative, fixturesDir), "utf8");
}
