// The one line 接待登记 shows under a matter once its category is chosen: the suggested route and the deadlines a
// matter registered today would get, e.g. 建议处理：交办 · 研判分流 2个工作日（12月1日前）· 办理 15个工作日（12月16日前）.
// Rust words the route and the limits; this module only puts them in one line with short dates.
import type { ComposerTranslation } from "vue-i18n";
import type { DeadlinePreview } from "../../ipc";

/** `YYYY-MM-DD` → month and day numbers; null when it does not parse. */
export function monthDay(date: string): { month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  return { month: Number(m[2]), day: Number(m[3]) };
}

/** The preview as one line of text (no markup). */
export function previewLine(preview: DeadlinePreview, t: ComposerTranslation): string {
  const parts = [t("visits.preview.route", { route: preview.route_label })];
  for (const step of preview.steps) {
    const md = monthDay(step.due_on);
    const date = md ? t("visits.preview.date", { month: md.month, day: md.day }) : step.due_on;
    parts.push(t("visits.preview.step", { step: step.step_label, limit: step.limit_label, date }));
  }
  const separator = t("visits.preview.separator");
  // After a full-width bracket the separator's leading space is dropped: ……（12月1日前）· 办理…
  return parts.reduce((line, part) => line + (line.endsWith("）") ? separator.trimStart() : separator) + part);
}
