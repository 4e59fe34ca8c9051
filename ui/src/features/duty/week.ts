// Calendar arithmetic of the 值班安排 week view, on plain `YYYY-MM-DD` strings (what Rust sends and takes), done in
// UTC so that no time zone or daylight-saving rule of the computer can move a day. Weeks start on Monday.
import type { Session } from "../../ipc";

/** The sessions of a duty day, in the order of the week view's rows. */
export const SESSIONS: readonly Session[] = ["morning", "afternoon", "all_day"];

function parse(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

function format(date: Date): string {
  const y = date.getUTCFullYear();
  const m = String(date.getUTCMonth() + 1).padStart(2, "0");
  const d = String(date.getUTCDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}

/** `day` plus `n` days (n may be negative). */
export function addDays(day: string, n: number): string {
  const date = parse(day);
  date.setUTCDate(date.getUTCDate() + n);
  return format(date);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day: string): number {
  return (parse(day).getUTCDay() + 6) % 7;
}

/** The Monday of the week containing `day`. */
export function mondayOf(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

/** The seven days (Monday first) of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Month and day as numbers, for "11月27日". */
export function monthDay(day: string): { month: number; day: number } {
  const date = parse(day);
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The local calendar day of an RFC 3339 instant from Rust (its own offset), or of the computer's clock. */
export function dayOf(instant: string | null | undefined, fallback: Date = new Date()): string {
  if (instant && /^\d{4}-\d{2}-\d{2}/.test(instant)) return instant.slice(0, 10);
  const y = fallback.getFullYear();
  const m = String(fallback.getMonth() + 1).padStart(2, "0");
  const d = String(fallback.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
