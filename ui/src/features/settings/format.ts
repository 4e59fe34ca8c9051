// Time formatting for the operators table. Rust sends RFC 3339 timestamps in UTC; a clerk reads local time
// (YYYY-MM-DD HH:mm, the admin-software habit) and nothing at all for a lock that has already run out.

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYY-MM-DD HH:mm` in the machine's local time, or null for no value or one that does not parse. */
export function formatDateTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The end of a lock still in force at `now`, formatted; null when not locked. Rust keeps the end of the latest
 * lock even after it has passed, so the time has to be compared here. */
export function activeLockEnd(lockedUntil: string | null | undefined, now: Date = new Date()): string | null {
  if (!lockedUntil) return null;
  const end = new Date(lockedUntil);
  if (Number.isNaN(end.getTime()) || end.getTime() <= now.getTime()) return null;
  return formatDateTime(lockedUntil);
}
