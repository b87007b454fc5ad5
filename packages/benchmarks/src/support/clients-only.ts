/**
 * orders-in's requests through the connector's own clients and nothing else: the third contender of the bare-client
 * measure. The SPS and Sage X3 clients (openapi-fetch over the transport, with p-limit, p-retry, the per-attempt
 * timeout and the OAuth2 token cache) make the requests the connector makes for each 850, and this runner does only
 * what the bare client does between them (JSON.parse of the file, the order record built from it). No RSX parse or
 * rules, no mapping, no ledger, no audit trail: its CPU beside the bare client's is the share of the request stack the
 * clients keep (openapi-fetch, p-limit and p-retry are the users' chosen stack), beside the connector's it is the
 * share of the connector's own steps. Like contender-run.ts, it loads no sandbox code.
 */
import type { SandboxClientSettings } from "@ml-connector/sandbox";
import { createMemoryStores } from "@ml-connector/sync-core";
import { type Bare850, inFlight, salesOrderRecord } from "./bare-clients.js";
import { createClients } from "./connector.js";

/** The connector's default page of mailbox files (orders-in asks SPS for pages of that many). */
const PAGE_SIZE = 100;
/** The connector's cap on a download. */
const MAX_BYTES = 10 * 1024 * 1024;
const utf8 = new TextDecoder();

export function createClientsOrdersRunner(addresses: SandboxClientSettings, concurrency: number) {
  // Tokens cached in memory, as the connector's memory stores keep them.
  const { spsClient, x3Client } = createClients(addresses, createMemoryStores(), {
    maxConcurrency: Math.max(8, concurrency),
  });

  const list = async (): Promise<string[]> => {
    const paths: string[] = [];
    for await (const entry of spsClient.list("out/", { limit: PAGE_SIZE })) {
      if (entry.type === "file") paths.push(`out/${entry.name}`);
    }
    return paths;
  };
  /** The four requests of one 850 (download, look the order up, create it, delete the file), as the bare client's. */
  const handle850 = async (path: string) => {
    const order = JSON.parse(utf8.decode(await spsClient.download(path, { maxBytes: MAX_BYTES }))) as Bare850;
    const record = salesOrderRecord(order);
    await x3Client.findByNaturalKey("SORDER", { BPCORD: record.BPCORD, CUSORDREF: record.CUSORDREF });
    await x3Client.createKey("SORDER", record);
    await spsClient.delete(path);
  };

  return {
    /** One run: the mailbox listed, its 850s at C in flight. Returns the 850s handled (each created). */
    async run(): Promise<number> {
      const paths = await list();
      await inFlight(paths, concurrency, handle850);
      return paths.length;
    },
  };
}
