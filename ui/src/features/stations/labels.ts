// The Chinese words of the platform vocabularies (kind, star level, status, weekday) in one place, so the list,
// the drawer and the form say the same thing. The values are the Rust vocabulary's stored names (roster/kinds.rs);
// their display order is the order here.
import { useI18n } from "vue-i18n";
import type { PlatformKind, StarLevel } from "../../ipc";

export const PLATFORM_KINDS: readonly PlatformKind[] = ["station", "point", "legislative", "demonstration", "base"];
/** Star levels a filter can pick; "none" finds the platforms without a rating in force. */
export const STAR_LEVELS: readonly StarLevel[] = ["province", "city", "none"];
/** Levels a rating in the history can have (a rating of "none" would mean nothing). */
export const AWARDED_STAR_LEVELS: readonly StarLevel[] = ["province", "city"];
/** ISO weekdays 1 (Monday) ..= 7 (Sunday), as Rust stores reception days. */
export const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export function useStationLabels() {
  const { t } = useI18n();

  /** A label for a value this UI does not know (a newer Rust) is the raw value rather than a missing key. */
  function kindText(kind: string): string {
    return (PLATFORM_KINDS as readonly string[]).includes(kind) ? t(`stations.kinds.${kind}`) : kind;
  }

  function starText(level: string, year?: number | null): string {
    if (!["none", "city", "province"].includes(level)) return level;
    const label = t(`stations.stars.${level}`);
    return level !== "none" && year ? t("stations.starYear", { level: label, year }) : label;
  }

  function statusText(status: string): string {
    return status === "active" || status === "closed" ? t(`stations.statuses.${status}`) : status;
  }

  function weekdayText(day: number): string {
    const key = WEEKDAY_KEYS[day - 1];
    return key ? t(`stations.weekdays.${key}`) : String(day);
  }

  /** 周一、周三、周五; "-" for none. */
  function daysText(days: readonly number[]): string {
    return days.length ? [...days].sort((a, b) => a - b).map(weekdayText).join("、") : t("common.none");
  }

  function orNone(value: string | null | undefined): string {
    return value ? value : t("common.none");
  }

  return { kindText, starText, statusText, weekdayText, daysText, orNone };
}
