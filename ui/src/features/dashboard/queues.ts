// The 工作台 queues: which matters each card counts and what the matters screen is asked to show when the card
// is clicked. Membership is decided from the core's State codes and the deadline fields of MatterSummary (computed
// by Rust on read with its clock), never from Chinese labels, so a renamed label changes nothing here.
import type { LocationQueryRaw } from "vue-router";
import type { MatterSummary, State } from "../../ipc";

export type QueueKey =
  | "awaitingRoute"
  | "toAssign"
  | "dueSoon"
  | "overdue"
  | "awaitingFeedback"
  | "awaitingRating"
  | "lookBack";

export interface Queue {
  key: QueueKey;
  /** Whether a matter belongs to the queue. */
  holds: (matter: MatterSummary) => boolean;
  /** The matters screen's query for this queue. */
  query: LocationQueryRaw;
}

const inState = (state: State) => (m: MatterSummary) => m.state === state;

/** The queues, in the order a clerk works through them. */
export const QUEUES: readonly Queue[] = [
  { key: "awaitingRoute", holds: inState("registered"), query: { state: "registered" } },
  { key: "toAssign", holds: inState("to_assign"), query: { state: "to_assign" } },
  // Due soon and overdue exclude each other: an overdue matter is past the warning window.
  { key: "dueSoon", holds: (m) => m.due_soon && m.overdue_working_days === 0, query: { due_soon: "1" } },
  { key: "overdue", holds: (m) => m.overdue_working_days > 0, query: { overdue: "1" } },
  // 已办结，待反馈: a matter cannot close without feedback, so this is the station's next duty.
  { key: "awaitingFeedback", holds: inState("finished"), query: { state: "finished" } },
  { key: "awaitingRating", holds: inState("fed_back"), query: { state: "fed_back" } },
  // Rated matters wait for the look-back (回头看). MatterSummary carries no look-back date, so every rated
  // matter counts, not only those whose look-back falls due now; the matter detail shows the date.
  { key: "lookBack", holds: inState("rated"), query: { state: "rated" } },
];

/** Escalation codes of the default ladder, lowest first; other codes (a configured ladder) sort after them. */
export const ESCALATION_ORDER = ["warn", "station_head", "county", "city"] as const;

export interface OverdueLevel {
  /** The escalation code reached (`unknown` when Rust named none). */
  code: string;
  count: number;
}

export interface QueueCounts {
  counts: Record<QueueKey, number>;
  /** Overdue matters by the escalation level they reached, in ladder order; levels with none left out. */
  overdueByLevel: OverdueLevel[];
}

export function countQueues(matters: readonly MatterSummary[]): QueueCounts {
  const counts = Object.fromEntries(QUEUES.map((q) => [q.key, 0])) as Record<QueueKey, number>;
  const levels = new Map<string, number>();
  for (const matter of matters) {
    for (const queue of QUEUES) if (queue.holds(matter)) counts[queue.key] += 1;
    if (matter.overdue_working_days > 0) {
      const code = matter.escalation ?? "unknown";
      levels.set(code, (levels.get(code) ?? 0) + 1);
    }
  }
  const rank = (code: string) => {
    const i = (ESCALATION_ORDER as readonly string[]).indexOf(code);
    return i < 0 ? ESCALATION_ORDER.length : i;
  };
  const overdueByLevel = [...levels.entries()]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
  return { counts, overdueByLevel };
}
