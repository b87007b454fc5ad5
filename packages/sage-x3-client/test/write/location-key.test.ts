import { describe, expect, it } from "vitest";
import { keyFromLocation } from "../../src/index.js";

describe("keyFromLocation", () => {
  it("reads the key of the resource a Location points to, as a URL parser would", () => {
    const cases: [string, string | undefined][] = [
      ["http://127.0.0.1:8124/api1/x3/erp/SEED/SORDER('SO0000123')?representation=SORDER.$details", "SO0000123"],
      ["/api1/x3/erp/SEED/SORDER('SO%201')", "SO 1"],
      ["https://x3.example.com/api1/x3/erp/SEED/SORDER('O''Brien')#top", "O'Brien"],
      ["https://user:secret@x3.example.com:8124/api1/x3/erp/SEED/CACCE('DIE~CCE')", "DIE~CCE"],
      ["HTTP://X3/api1/x3/erp/SEED/SORDER('K1')?where=('not the key')", "K1"],
      // What only a URL parser reads right: dot segments, backslashes, spaces, a relative path.
      ["/api1/x3/erp/SEED/x/../SORDER('DOT')", "DOT"],
      ["http://x3\\api1\\SORDER('BACK')", "BACK"],
      ["http://x3/api1/SORDER('a b')", "a b"],
      ["SORDER('REL')", "REL"],
      // The last `('` starts the key unless a quote inside it says otherwise.
      ["/api1/x3/erp/SEED/SORDER('A(B')", "A(B"],
      ["/api1/x3/erp/SEED/X('a')/SORDER('b')", "b"],
      ["/api1/x3/erp/SEED/SORDER('X(''Y')", "X('Y"],
      ["/api1/x3/erp/SEED/SORDER('')", ""],
      // No key: a fragment or a query before the path, a broken escape, no key segment.
      ["http://x3#/SORDER('K')", undefined],
      ["http://x3?/SORDER('K')", undefined],
      ["http://x3/api1/SORDER('%zz')", undefined],
      ["http://x3/api1/SORDER", undefined],
    ];
    for (const [location, key] of cases) expect([location, keyFromLocation(location)]).toEqual([location, key]);
  });
});
