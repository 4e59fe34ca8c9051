// How the 代表名册 screen writes a deputy's coded values (levels, gender, status, station) in the app language.
// One place, so the table, the detail drawer and the form say 市第12届 / 在任 / 男 the same way.
import { useI18n } from "vue-i18n";
import type { Level, LevelTerm } from "../../ipc";

/** The five congress levels, top down (the order of every level select). */
export const LEVELS: readonly Level[] = ["national", "province", "city", "county", "township"];

export function useDeputyFormat() {
  const { t } = useI18n();

  /** 市第12届, or 县级 when the term is not known. */
  function levelText(l: LevelTerm): string {
    const level = t(`deputies.levels.${l.level}`);
    return l.term === null || l.term === undefined
      ? t("deputies.levelOnly", { level })
      : t("deputies.levelTerm", { level, term: l.term });
  }

  /** Every level joined with 、, or "-" for none. */
  function levelsText(levels: readonly LevelTerm[]): string {
    return levels.length ? levels.map(levelText).join("、") : t("common.none");
  }

  function orNone(value: string | null | undefined): string {
    return value ? value : t("common.none");
  }

  function genderText(gender: string | null | undefined): string {
    return gender === "male" || gender === "female" ? t(`deputies.genders.${gender}`) : t("common.none");
  }

  /** 在任 / 已离任; an unknown status from a newer core is shown as sent rather than hidden. */
  function statusText(status: string): string {
    return status === "serving" || status === "ended" ? t(`deputies.statuses.${status}`) : status;
  }

  /** 光明路联络站（XH-01）, the name alone without a code, "-" without a station. */
  function stationText(name: string | null | undefined, code: string | null | undefined): string {
    if (!name) return code ? code : t("common.none");
    return code ? `${name}（${code}）` : name;
  }

  return { t, levelText, levelsText, orNone, genderText, statusText, stationText };
}
