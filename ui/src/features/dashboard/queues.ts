// The 工作台 cards: which of Rust's queues (workflow::queues, counted in Rust with the store's clock) each card
// shows, and what the matters screen is asked to list when the card is clicked (the same queue, so the list
// always holds exactly the matters the card counted). Labels and card keys are the UI's; membership is Rust's.
import type { LocationQueryRaw } from "vue-router";
import type { QueueCounts, QueueKey as RustQueue } from "../../ipc";

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
  /** Rust's queue behind the card. */
  rust: RustQueue;
}

/** The cards, in the order a clerk works through them. */
export const QUEUES: readonly Queue[] = [
  { key: "awaitingRoute", rust: "awaiting_route" },
  { key: "toAssign", rust: "to_assign" },
  { key: "dueSoon", rust: "due_soon" },
  { key: "overdue", rust: "overdue" },
  { key: "awaitingFeedback", rust: "awaiting_feedback" },
  { key: "awaitingRating", rust: "awaiting_rating" },
  { key: "lookBack", rust: "look_back_due" },
];

/** The matters screen's query for a card (and, for an overdue level's card, that level). */
export function queueQuery(queue: RustQueue, escalation?: string): LocationQueryRaw {
  return escalation ? { queue, escalation } : { queue };
}

export interface OverdueLevel {
  /** The escalation code reached. */
  code: string;
  /** Its name as configured in the ladder (设置 → 办理规则). */
  name: string;
  count: number;
}

export interface CardCounts {
  counts: Record<QueueKey, number>;
  /** Overdue matters by the escalation level reached, in ladder order; levels with none left out. */
  overdueByLevel: OverdueLevel[];
}

/** Zero everywhere: before the first answer, or when it failed. */
export function noCounts(): CardCounts {
  return { counts: Object.fromEntries(QUEUES.map((q) => [q.key, 0])) as Record<QueueKey, number>, overdueByLevel: [] };
}

/** Rust's counts laid out for the cards. */
export function cardCounts(rust: QueueCounts): CardCounts {
  const out = noCounts();
  for (const queue of QUEUES) out.counts[queue.key] = rust.queues.find((q) => q.queue === queue.rust)?.count ?? 0;
  out.overdueByLevel = rust.overdue_by_level
    .filter((level) => level.count > 0)
    .map((level) => ({ code: level.code, name: level.name, count: level.count }));
  return out;
}
