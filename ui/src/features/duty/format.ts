// How 进站履职 writes days and sessions: 11月27日（周五）, 上午 / 下午 / 全天, in the app language.
import { useI18n } from "vue-i18n";
import type { Session } from "../../ipc";
import { monthDay, weekdayIndex } from "./week";

export function useDutyFormat() {
  const { t } = useI18n();

  /** 周五 */
  function weekdayText(day: string): string {
    return t(`duty.weekdays.d${weekdayIndex(day)}`);
  }

  /** 11月27日 */
  function monthDayText(day: string): string {
    return t("duty.monthDay", monthDay(day));
  }

  function sessionText(session: Session | string): string {
    return session === "morning" || session === "afternoon" || session === "all_day" ? t(`duty.sessions.${session}`) : session;
  }

  /** 光明路联络站（XH-09） */
  function stationText(name: string, code: string): string {
    return name ? t("duty.stationLabel", { name, code }) : code;
  }

  return { t, weekdayText, monthDayText, sessionText, stationText };
}
