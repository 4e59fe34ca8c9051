// Timestamps of the operators table: RFC 3339 from Rust shown as local YYYY-MM-DD HH:mm; a lock that has run out
// is not shown (Rust keeps the end of the latest lock).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { activeLockEnd, formatDateTime } from "./format";

describe("operator times", () => {
  let tz: string | undefined;
  beforeEach(() => {
    tz = process.env.TZ;
    process.env.TZ = "Asia/Shanghai"; // UTC+8: a formatter that ignores the local zone fails here
  });
  afterEach(() => {
    process.env.TZ = tz;
  });

  it("formats in local time, zero-padded", () => {
    expect(formatDateTime("2026-01-02T01:05:09Z")).toBe("2026-01-02 09:05");
    expect(formatDateTime("2026-12-31T16:30:00Z")).toBe("2027-01-01 00:30");
    expect(formatDateTime("2026-03-04T05:06:00+08:00")).toBe("2026-03-04 05:06");
  });

  it("gives null for nothing and for text that is no time", () => {
    expect(formatDateTime(null)).toBeNull();
    expect(formatDateTime("")).toBeNull();
    expect(formatDateTime("soon")).toBeNull();
  });

  it("shows a lock only while it is in force", () => {
    const now = new Date("2026-11-25T12:00:00Z");
    expect(activeLockEnd("2026-11-25T12:15:00Z", now)).toBe("2026-11-25 20:15");
    expect(activeLockEnd("2026-11-25T12:00:00Z", now)).toBeNull();
    expect(activeLockEnd("2026-11-25T11:59:00Z", now)).toBeNull();
    expect(activeLockEnd(null, now)).toBeNull();
    expect(activeLockEnd("garbage", now)).toBeNull();
  });
});
