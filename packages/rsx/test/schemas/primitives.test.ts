import { describe, expect, test } from "vitest";
import { rsxDate, rsxTime } from "../../src/schemas/index.js";

describe("rsxDate", () => {
  test.each(["2026-11-28", "2028-02-29", "2000-02-29", "1999-12-31"])("accepts %s", (date) => {
    expect(rsxDate.safeParse(date).success).toBe(true);
  });
  test.each([
    "2026-02-30",
    "2026-02-29",
    "1900-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "20260-01-01",
    "26-01-01",
    "2026-1-1",
    "20261128",
    "2026-11-28T00:00:00Z",
    "",
  ])("rejects %s", (date) => {
    expect(rsxDate.safeParse(date).success).toBe(false);
  });
});

describe("rsxTime", () => {
  test.each([
    "09:15:00",
    "23:59:59",
    "00:00:00",
    "09:15:00-05:00",
    "09:15:00+01:00",
    "09:15:00Z",
    "09:15:00.123",
    "09:15:00.5-05:00",
  ])("accepts %s", (time) => {
    expect(rsxTime.safeParse(time).success).toBe(true);
  });
  test.each(["24:00:00", "9:15:00", "09:60:00", "09:15", "09:15:00-5", "09:15:00 PM", "091500", ""])(
    "rejects %s",
    (time) => {
      expect(rsxTime.safeParse(time).success).toBe(false);
    },
  );
});
