// Words for the 办理规则 tab: a time limit ("15个工作日") and a ladder level's time relative to the due date
// ("到期前3个工作日" / "到期当日" / "超期1个工作日"). Units Rust may add later show as sent.
import type { ComposerTranslation } from "vue-i18n";
import type { LimitRule } from "../../ipc";

export const UNITS = ["working_days", "calendar_days", "months", "count"] as const;
export type Unit = (typeof UNITS)[number];

const isUnit = (unit: string): unit is Unit => (UNITS as readonly string[]).includes(unit);

/** The default-rule category of the time-limit table. */
export const ANY_CATEGORY = "*";

export function limitLabel(rule: Pick<LimitRule, "amount" | "unit">, t: ComposerTranslation): string {
  return isUnit(rule.unit) ? t(`settings.workRules.amounts.${rule.unit}`, { n: rule.amount }) : `${rule.amount} ${rule.unit}`;
}

export function unitLabel(unit: string, t: ComposerTranslation): string {
  return isUnit(unit) ? t(`settings.workRules.units.${unit}`) : unit;
}

/** The units a step may be counted in: extensions are counted (次), everything else is time. */
export function unitsFor(defaultUnit: string | undefined): Unit[] {
  return defaultUnit === "count" ? ["count"] : ["working_days", "calendar_days", "months"];
}

export function offsetLabel(offset: number, t: ComposerTranslation): string {
  if (offset < 0) return t("settings.workRules.ladder.before", { n: -offset });
  if (offset > 0) return t("settings.workRules.ladder.after", { n: offset });
  return t("settings.workRules.ladder.onDue");
}
