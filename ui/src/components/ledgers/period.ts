// The period of a ledger as the office names it — a year, a quarter or a month — and the one string Rust takes
// for it (`2026`, `2026-Q3`, `2026-07`, as in the CLI). The default is this quarter: ledgers are handed in
// quarterly.

export type PeriodKind = "year" | "quarter" | "month";

export const PERIOD_KINDS: readonly PeriodKind[] = ["year", "quarter", "month"];

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** 1–4; used when `kind` is "quarter". */
  quarter: number;
  /** 1–12; used when `kind` is "month". */
  month: number;
}

/** This quarter (and this month, should the clerk switch to 月份) by the computer's clock. */
export function defaultPeriod(now: Date = new Date()): PeriodChoice {
  const month = now.getMonth() + 1;
  return { kind: "quarter", year: now.getFullYear(), quarter: Math.ceil(month / 3), month };
}

/** The period string Rust parses. */
export function periodString(choice: PeriodChoice): string {
  switch (choice.kind) {
    case "year":
      return String(choice.year);
    case "quarter":
      return `${choice.year}-Q${choice.quarter}`;
    case "month":
      return `${choice.year}-${String(choice.month).padStart(2, "0")}`;
  }
}

/** The years offered: five back from this one and the next (ledgers are written after the fact). */
export function yearOptions(now: Date = new Date()): number[] {
  const year = now.getFullYear();
  return Array.from({ length: 7 }, (_, i) => year + 1 - i);
}
