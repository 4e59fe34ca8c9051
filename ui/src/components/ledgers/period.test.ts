// Ledger periods: this quarter by default, and the strings Rust parses (2026, 2026-Q3, 2026-07).
import { describe, expect, it } from "vitest";
import { defaultPeriod, periodString, yearOptions } from "./period";

describe("ledger periods", () => {
  it("defaults to this quarter", () => {
    expect(defaultPeriod(new Date(2026, 10, 25))).toEqual({ kind: "quarter", year: 2026, quarter: 4, month: 11 });
    expect(defaultPeriod(new Date(2026, 0, 1))).toMatchObject({ quarter: 1, month: 1 });
    expect(defaultPeriod(new Date(2026, 2, 31))).toMatchObject({ quarter: 1, month: 3 });
    expect(defaultPeriod(new Date(2026, 6, 1))).toMatchObject({ quarter: 3, month: 7 });
  });

  it("writes the period as Rust reads it", () => {
    const base = { year: 2026, quarter: 3, month: 7 };
    expect(periodString({ ...base, kind: "year" })).toBe("2026");
    expect(periodString({ ...base, kind: "quarter" })).toBe("2026-Q3");
    expect(periodString({ ...base, kind: "month" })).toBe("2026-07");
    expect(periodString({ ...base, kind: "month", month: 12 })).toBe("2026-12");
  });

  it("offers next year and five years back, newest first", () => {
    expect(yearOptions(new Date(2026, 5, 1))).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021]);
  });
});
