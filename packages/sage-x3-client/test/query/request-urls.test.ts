import { describe, expect, it } from "vitest";
import { where } from "../../src/index.js";
import { client, collect, sandbox } from "../helpers.js";

describe("request URLs", () => {
  it("keys, representations and queries are written into the URL as X3 reads them, call after call", async () => {
    const x3 = await sandbox();
    const urls: string[] = [];
    const recording: typeof fetch = (input, init) => {
      urls.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    const x3Client = client(x3, { auth: { mode: "basic", ...x3.credentials.basic }, fetch: recording });
    const api = `${x3.baseUrl}/api1/x3/erp/${x3.endpoint}`;
    for (let round = 0; round < 2; round++) {
      urls.length = 0;
      await x3Client.read("SORDER", "SO 1'é+%");
      await x3Client.read("CACCE", ["D~1", "C C"]);
      await collect(
        x3Client.query("BPCUSTOMER", {
          where: where.and(where.eq("BPCNUM", "O'Brien & Co"), where.ge("CREDATTIM", new Date("2026-11-30T10:00:00Z"))),
          orderBy: [["BPCNAM", "desc"]],
          count: 5,
        }),
      );
      expect(urls).toEqual([
        `${api}/SORDER('SO%201''%C3%A9%2B%25')?representation=SORDER.%24details`,
        `${api}/CACCE('D~1~C%20C')?representation=CACCE.%24details`,
        // The query's quotes as WHATWG URL writes them (%27).
        `${api}/BPCUSTOMER?representation=BPCUSTOMER.%24query&count=5&where=(BPCNUM%20eq%20%27O%27%27Brien%20%26%20Co%27)%20and%20(CREDATTIM%20ge%20%402026-11-30T10%3A00%3A00Z%40)&orderBy=BPCNAM%20desc`,
      ]);
    }
  });
});
