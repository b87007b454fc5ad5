import { describe, expect, it } from "vitest";
import { copyPlain } from "../src/stores/support/copy.js";

describe("copyPlain (the memory stores' copies)", () => {
  it("copies plain data deeply: changing the copy leaves the original as it was", () => {
    const original = { a: [1, { b: "x" }], c: { d: null, e: undefined, f: true }, at: new Date(5) };
    const copied = copyPlain(original);
    expect(copied).toEqual(original);
    (copied.a[1] as { b: string }).b = "y";
    copied.c.f = false;
    copied.at.setTime(6);
    expect(original).toEqual({ a: [1, { b: "x" }], c: { d: null, e: undefined, f: true }, at: new Date(5) });
    expect("e" in copied.c).toBe(true);
  });

  it("keeps an own __proto__ key as a key, never as the copy's prototype", () => {
    const original = JSON.parse('{"__proto__": {"polluted": true}, "x": 1}') as Record<string, unknown>;
    const copied = copyPlain(original);
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect((copied as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(copied)).toEqual(["__proto__", "x"]);
    expect(Object.getOwnPropertyDescriptor(copied, "__proto__")?.value).toEqual({ polluted: true });
    // The object under that key is a copy too, and changing it leaves the original as it was.
    const under = Object.getOwnPropertyDescriptor(copied, "__proto__")?.value as { polluted: boolean };
    expect(under).not.toBe(Object.getOwnPropertyDescriptor(original, "__proto__")?.value);
    under.polluted = false;
    expect(Object.getOwnPropertyDescriptor(original, "__proto__")?.value).toEqual({ polluted: true });
  });

  it("copies objects with no prototype, nested ones included, as plain objects", () => {
    const inner = Object.assign(Object.create(null) as Record<string, unknown>, { list: [1, 2] });
    const original = Object.assign(Object.create(null) as Record<string, unknown>, { inner, n: 1 });
    const copied = copyPlain(original);
    expect(copied).toEqual({ inner: { list: [1, 2] }, n: 1 });
    expect(copied.inner).not.toBe(inner);
    expect((copied.inner as { list: number[] }).list).not.toBe(inner.list);
  });

  it("leaves what is not plain data to structuredClone", () => {
    const original = { bytes: new Uint8Array([1, 2]), map: new Map([["k", { v: 1 }]]) };
    const copied = copyPlain(original);
    expect(copied.bytes).toEqual(new Uint8Array([1, 2]));
    expect(copied.bytes).not.toBe(original.bytes);
    expect(copied.map.get("k")).toEqual({ v: 1 });
    expect(copied.map.get("k")).not.toBe(original.map.get("k"));
  });
});
