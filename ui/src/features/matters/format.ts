// Words and formats shared by the 意见建议 list, drawer and dialog: state labels and tag colours, local times, and the
// one-line summary of a timeline event. Kept out of the components so the table and the drawer read the same.
import { useI18n } from "vue-i18n";
import type { MatterSummary, State, TimelineEntry } from "../../ipc";

export const STATES: readonly State[] = [
  "registered",
  "to_assign",
  "assigned",
  "accepted",
  "handling",
  "suggestion",
  "rehandling",
  "replied",
  "finished",
  "merged",
  "fed_back",
  "rated",
  "looked_back",
  "published",
  "archived",
];

type TagType = "primary" | "success" | "warning" | "danger" | "info";

/** Colour by what the clerk must do (ui-conventions §6): waiting on us warning, handling primary, done success. */
export function stateTagType(state: State | null): TagType {
  switch (state) {
    case "registered":
    case "to_assign":
    case "finished":
    case "fed_back":
      return "warning";
    case "assigned":
    case "accepted":
    case "handling":
    case "suggestion":
    case "replied":
      return "primary";
    case "rehandling":
      return "danger";
    case "rated":
    case "looked_back":
    case "published":
      return "success";
    default:
      return "info";
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A recorded UTC instant as the clerk's local YYYY-MM-DD HH:mm; a value that is not a time is shown as it came. */
export function localTime(at: string): string {
  // A bare date has no time of day to convert; Date would read it as UTC midnight and shift it.
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The fields of an entry that are bookkeeping, not what the act said. */
const NOT_SUMMARISED = new Set(["kind", "id", "at", "operator", "node_id", "label", "outcome", "lookback", "register", "return_window"]);

export function useMatterFormat() {
  const { t, te } = useI18n();

  function stateText(summary: Pick<MatterSummary, "state" | "state_label">): string {
    if (summary.state_label) return summary.state_label;
    return summary.state ? t(`matters.states.${summary.state}`) : t("matters.unknownState");
  }

  function valueText(key: string, value: unknown): string {
    if (typeof value === "boolean") return value ? t("matters.yes") : t("matters.no");
    if (Array.isArray(value)) return value.join("、");
    if (key === "rating" && typeof value === "string") return t(`matters.ratings.${value}`);
    if (value && typeof value === "object" && "amount" in value) return String((value as { amount: number }).amount);
    return String(value);
  }

  /** 字段：值；字段：值 over the event's own fields, skipping empty ones, so every act reads in one line. */
  function eventSummary(entry: TimelineEntry): string {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(entry)) {
      if (NOT_SUMMARISED.has(key)) continue;
      if (value === null || value === undefined || value === "" || value === false) continue;
      if (Array.isArray(value) && value.length === 0) continue;
      const name = te(`matters.fields.${key}`) ? t(`matters.fields.${key}`) : key;
      parts.push(`${name}：${valueText(key, value)}`);
    }
    return parts.join("；");
  }

  return { t, te, stateText, eventSummary };
}
