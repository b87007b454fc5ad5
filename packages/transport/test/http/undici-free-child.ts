/**
 * Run by undici-free.test.ts in a process of its own (a test worker may have loaded undici already): a transport over
 * the default node:http path makes a GET and a POST with TransportRequests, and prints whether Node's fetch
 * implementation (undici, loaded the first time a global such as `Request` or `Headers` is read) was loaded.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTransportFetch, TransportRequest } from "../../src/index.js";

const undiciLoaded = () =>
  (process as unknown as { moduleLoadList: string[] }).moduleLoadList.some((name) => name.includes("undici"));

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString("utf8") }));
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const atStart = undiciLoaded();
const fetch = createTransportFetch({ baseUrl, headers: { accept: "application/json" }, userAgent: "undici-free" });
const afterCreate = undiciLoaded();
const got = await (await fetch(new TransportRequest(`${baseUrl}/things/1`))).json();
const posted = await (
  await fetch(
    new TransportRequest(`${baseUrl}/things`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"name":"one"}',
    }),
  )
).text();
const afterRequests = undiciLoaded();
server.closeAllConnections();
server.close();
process.stdout.write(`${JSON.stringify({ atStart, afterCreate, afterRequests, got, posted })}\n`);
