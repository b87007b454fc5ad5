import { acmeMappings, bytesOf, make850 } from "@ml-connector/sandbox";
import { describe, expect, it, vi } from "vitest";
import { createConnector, createMemoryStores } from "../../src/index.js";
import { MemoryMailbox, MemoryX3 } from "../support/in-memory-systems.js";

/** The bytes every SHA-256 was taken of, in order (node:crypto's createHash and one-shot hash, counted). */
const hashed = vi.hoisted(() => [] as Uint8Array[]);
vi.mock("node:crypto", async (importOriginal) => {
  const crypto = await importOriginal<typeof import("node:crypto")>();
  const count = (data: Uint8Array | string) =>
    hashed.push(typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data));
  const createHash = (algorithm: string, options?: Parameters<typeof crypto.createHash>[1]) => {
    const hash = crypto.createHash(algorithm, options);
    if (algorithm !== "sha256") return hash;
    const update = hash.update.bind(hash) as (data: Uint8Array | string) => typeof hash;
    hash.update = ((data: Uint8Array | string) => {
      count(data);
      return update(data);
    }) as typeof hash.update;
    return hash;
  };
  // Node 20.12 and later: the stores' fingerprints take the one-shot path.
  const oneShot = crypto.hash;
  const hash =
    typeof oneShot === "function"
      ? (algorithm: string, data: Uint8Array | string, encoding?: "hex" | "base64url") => {
          if (algorithm === "sha256") count(data);
          return oneShot(algorithm, data, encoding);
        }
      : undefined;
  return { ...crypto, default: { ...crypto, createHash, hash }, createHash, hash };
});

const timesHashed = (payload: Uint8Array) =>
  hashed.filter((bytes) => bytes.byteLength === payload.byteLength && bytes.every((b, i) => b === payload[i])).length;

describe("orders-in: a file's bytes are hashed", () => {
  it("once for a new file (by the store), and again only to recognise a file of a name seen before", async () => {
    const mailbox = new MemoryMailbox();
    const x3 = new MemoryX3();
    const stores = createMemoryStores();
    const connector = createConnector({ stores, orderSource: mailbox, orderGateway: x3, mappings: acmeMappings });
    const payload = bytesOf(make850({ po: "7101" }));
    mailbox.put("PO7101.json", payload);
    mailbox.failRemovals = 1;
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ created: 1 });
    expect(timesHashed(payload)).toBe(1);
    // Its removal failed: the next run finds it by name and recognises it by its hash, without processing it again.
    expect((await connector.runOnce("orders-in")).outcomes).toEqual({ already_handled: 1 });
    expect(timesHashed(payload)).toBe(2);
    expect(x3.calls.create).toBe(1);
  });
});
