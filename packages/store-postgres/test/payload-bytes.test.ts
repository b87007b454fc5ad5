import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStores, type PostgresStores } from "../src/index.js";
import { freshSchema, usePostgresDatabase } from "./support/postgres-server.js";

const database = usePostgresDatabase();
const schema = freshSchema("bytes");
let writer: PostgresStores;
let reader: PostgresStores;
beforeAll(async () => {
  writer = await createPostgresStores({ connectionString: database.url, schema });
  reader = await createPostgresStores({ connectionString: database.url, schema });
});
afterAll(async () => {
  await writer.close();
  await reader.close();
});

const payloads: [string, Uint8Array][] = [
  ["every byte value", Uint8Array.from({ length: 256 }, (_, i) => i)],
  ["NUL bytes and invalid UTF-8", Uint8Array.from([0x00, 0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0x00])],
  ["a UTF-16 BOM file", Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])],
  ["empty", new Uint8Array(0)],
  ["5 MiB of random bytes", new Uint8Array(randomBytes(5 * 1024 * 1024))],
  ["a view into a larger buffer", new Uint8Array(randomBytes(64)).subarray(7, 40)],
];

describe("raw payloads are bytea, byte for byte", () => {
  for (const [name, payload] of payloads) {
    it(`round-trips ${name} between two instances`, async () => {
      const created = await writer.audit.recordDocument({
        direction: "in",
        type: "850",
        partnerId: "ACME",
        naturalKey: `850:ACME:${name}`,
        status: "received",
        payload,
      });
      // What another instance reads is what was committed: flush, as a flow does before it deletes the file.
      await writer.audit.flush();
      const back = await reader.audit.getPayload(created.id);
      expect(back).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(back!).equals(Buffer.from(payload))).toBe(true);
      expect(created.payloadSha256).toBe(createHash("sha256").update(payload).digest("hex"));
      expect(created.payloadSize).toBe(payload.byteLength);
    });
  }

  it("stores them as bytea of the exact length, hashed the same by the server", async () => {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ type: string; same: boolean }>(
        `SELECT pg_typeof(p.bytes)::text AS type,
                bool_and(octet_length(p.bytes) = d.payload_size AND encode(sha256(p.bytes), 'hex') = d.payload_sha256) AS same
           FROM "${schema}".payloads p JOIN "${schema}".documents d ON d.id = p.document_id GROUP BY 1`,
      );
      expect(rows).toEqual([{ type: "bytea", same: true }]);
    } finally {
      await admin.end();
    }
  });

  it("replaces a payload from the other instance", async () => {
    const created = await writer.audit.recordDocument({
      direction: "out",
      type: "855",
      partnerId: "ACME",
      naturalKey: "855:SO1",
      status: "posted",
      payload: Buffer.from("first"),
    });
    await writer.audit.flush();
    const replaced = await reader.audit.putPayload(created.id, Uint8Array.from([0, 1, 2]));
    expect(replaced.payloadSize).toBe(3);
    await reader.audit.flush();
    expect([...(await writer.audit.getPayload(created.id))!]).toEqual([0, 1, 2]);
  });
});
