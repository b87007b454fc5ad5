import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createSageX3Pairing, sageX3TokenKey } from "@ml-connector/sage-x3-client";
import { type SageX3Sandbox, startSageX3Sandbox } from "@ml-connector/sandbox";
import { createPostgresStores } from "@ml-connector/store-postgres";
import { createSqliteStores } from "@ml-connector/store-sqlite";
import type { ConnectorStores } from "@ml-connector/sync-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePostgresDatabase } from "../../../store-postgres/test/support/postgres-server.js";
import { tempDir } from "../support/run.js";
import type { TokenInstanceConfig } from "./support/token-instance.js";

// Two connector instances share one store and one Sage X3 pairing, whose refresh tokens rotate: the gateway refuses a
// refresh token used once. Each round the access token both hold expires on the X3 side, both get a 401 and both
// need a refresh: exactly one of them refreshes, the other finds the rotated token set in the store.

const ROUNDS = 6;
const instanceScript = fileURLToPath(new URL("./support/token-instance.ts", import.meta.url));
const MINUTE = 60_000;

interface Outcome {
  round: number;
  records?: number;
  error?: { kind?: string; message?: string };
}

interface Instance {
  child: ChildProcess;
  outcomes: Outcome[];
  next(): Promise<Outcome>;
  exited: Promise<number | null>;
}

function startInstance(config: TokenInstanceConfig): Promise<Instance> {
  const child = spawn(process.execPath, ["--conditions=ml-connector-source", "--import", "tsx", instanceScript], {
    cwd: join(import.meta.dirname, "../../../.."),
    env: { ...process.env, INSTANCE_CONFIG: JSON.stringify(config) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const outcomes: Outcome[] = [];
  const waiting: ((outcome: Outcome) => void)[] = [];
  return new Promise((resolve, reject) => {
    exited.then((code) => reject(new Error(`the instance exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const message = JSON.parse(line) as Outcome & { ready?: boolean };
      if (message.ready) {
        resolve({
          child,
          outcomes,
          exited,
          next: () => new Promise((done) => waiting.push(done)),
        });
        return;
      }
      outcomes.push(message);
      waiting.shift()?.(message);
    });
  });
}

async function pair(x3: SageX3Sandbox, stores: ConnectorStores): Promise<void> {
  const { oauth } = x3.credentials;
  const pairing = createSageX3Pairing({ ...oauth, tokenStore: stores.tokens, customer: x3.baseUrl });
  const response = await fetch(pairing.authorizeUrl("state-1"), { redirect: "manual" });
  const { code } = pairing.parseCallback(response.headers.get("location") ?? "", "state-1");
  await pairing.exchangeCode(code);
}

function sharedStoreCase(
  name: string,
  open: () => Promise<{ stores: ConnectorStores; config: TokenInstanceConfig["store"] }>,
) {
  describe(`two instances on one ${name} store`, () => {
    let x3: SageX3Sandbox;
    const instances: Instance[] = [];
    beforeAll(async () => {
      x3 = await startSageX3Sandbox({});
    });
    afterAll(async () => {
      for (const instance of instances) instance.child.stdin?.end();
      await Promise.all(instances.map((instance) => instance.exited));
      await x3?.close();
    });

    it("never spend one rotating refresh token twice: one refresh per expiry, no false 'pair again'", async () => {
      const { stores, config } = await open();
      await pair(x3, stores);
      const { oauth } = x3.credentials;
      const settings: TokenInstanceConfig = {
        store: config,
        serverUrl: x3.baseUrl,
        endpoint: x3.endpoint,
        auth: {
          mode: "authorization-code",
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          redirectUri: oauth.redirectUri,
          tokenUrl: oauth.tokenUrl,
        },
      };
      instances.push(...(await Promise.all([startInstance(settings), startInstance(settings)])));
      const tokenRequests = () => x3.counters.get(x3.routes.token) ?? 0;
      expect(tokenRequests()).toBe(1); // the pairing's code exchange

      for (let round = 1; round <= ROUNDS; round++) {
        // The access token both instances hold (their clocks say it is still fresh) expires on the X3 side.
        x3.clock.advance(6 * MINUTE);
        const answers = instances.map((instance) => instance.next());
        for (const instance of instances) instance.child.stdin?.write(`${round}\n`);
        const outcomes = await Promise.all(answers);
        expect(outcomes).toEqual([
          { round, records: 3 },
          { round, records: 3 },
        ]);
        expect(tokenRequests()).toBe(1 + round);
      }

      // The stored refresh token is the one the gateway issued last, and the only one still alive.
      const key = sageX3TokenKey(oauth.clientId, oauth.tokenUrl);
      const stored = await stores.tokens.get(key);
      expect(x3.auth.isRefreshTokenActive(stored?.refreshToken ?? "")).toBe(true);
      expect(x3.auth.activeRefreshTokens()).toBe(1);
      expect(await stores.locks.holder(`token-refresh:${key}`)).toBeUndefined();
      await stores.close();
    }, 120_000);
  });
}

const temp = await tempDir();
afterAll(() => temp.remove());

sharedStoreCase("SQLite", async () => {
  const path = join(temp.dir, "shared.db");
  return { stores: createSqliteStores({ path }), config: { sqlite: path } };
});

const database = usePostgresDatabase();
sharedStoreCase("PostgreSQL", async () => {
  const stores = await createPostgresStores({ connectionString: database.url });
  return { stores, config: { postgres: database.url } };
});
