// The week view's calendar arithmetic: Monday-first weeks across month and year ends, on YYYY-MM-DD strings.
import { describe, expect, it } from "vitest";
import { addDays, dayOf, mondayOf, monthDay, weekDays, weekdayIndex } from "./week";

describe("week arithmetic", () => {
  it("finds the Monday of a week, Sunday included in the week before it", () => {
    expect(mondayOf("2026-11-25")).toBe("2026-11-23"); // a Wednesday
    expect(mondayOf("2026-11-23")).toBe("2026-11-23");
    expect(mondayOf("2026-11-29")).toBe("2026-11-23"); // a Sunday
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
  });

  it("lists seven days and moves across month ends", () => {
    expect(weekDays("2026-11-30")).toEqual([
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ]);
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(weekdayIndex("2026-11-27")).toBe(4);
    expect(monthDay("2026-11-27")).toEqual({ month: 11, day: 27 });
  });

  it("takes the day of Rust's clock as written, with the computer's clock as the fallback", () => {
    expect(dayOf("2026-11-25T23:30:00+08:00")).toBe("2026-11-25");
    expect(dayOf(null, new Date(2026, 0, 5))).toBe("2026-01-05");
  });
});
