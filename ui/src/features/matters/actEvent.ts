// The act dialog's form model and how it becomes the Event the bindings' union requires. One flat model serves every
// act (the dialog shows only the fields of the act at hand); buildEvent picks the act's own fields and leaves the
// frozen `limit` fields out, because Rust freezes them from the rules in force when it records the event.
import type { Event } from "../../ipc";

/** The rating scale as the bindings' 满意度 event spells it (the ipc module does not re-export Rating). */
export type Rating = Extract<Event, { kind: "rated" }>["rating"];

export interface ActModel {
  answer: string;
  reason: string;
  directed_to: string;
  into: string;
  note: string;
  lead: string;
  co: string[];
  due_on: string | null;
  unit: string;
  text: string;
  not_competent: boolean;
  competent_body: string;
  approver: string;
  days: number | null;
  summary: string;
  reached: boolean;
  how: string;
  told_on: string | null;
  deputy_told: boolean;
  unreachable_reason: string;
  rating: Rating | "";
  result: string;
}

/** A fresh model; `unit` starts on the unit holding the matter, the one that usually signs or returns it. */
export function emptyActModel(unit = ""): ActModel {
  return {
    answer: "",
    reason: "",
    directed_to: "",
    into: "",
    note: "",
    lead: "",
    co: [],
    due_on: null,
    unit,
    text: "",
    not_competent: false,
    competent_body: "",
    approver: "",
    days: null,
    summary: "",
    reached: true,
    how: "",
    told_on: null,
    deputy_told: false,
    unreachable_reason: "",
    rating: "",
    result: "",
  };
}

/** The Event for act `kind` from the model; null for a kind this screen does not record (e.g. registered). */
export function buildEvent(kind: string, m: ActModel): Event | null {
  const s = (v: string) => v.trim();
  switch (kind) {
    case "answered_on_spot":
      return { kind, answer: s(m.answer) };
    case "guided":
      return { kind, reason: s(m.reason), directed_to: s(m.directed_to) };
    case "merged":
      return { kind, into: s(m.into) };
    case "converted_to_suggestion":
      return { kind, note: s(m.note) };
    case "routed_for_assignment":
      return { kind };
    case "assigned":
      return { kind, lead: m.lead, co: m.co.filter((c) => c !== m.lead), due_on: m.due_on || null, reason: s(m.reason) };
    case "accepted":
      return { kind, unit: m.unit };
    case "returned":
      return { kind, unit: m.unit, reason: s(m.reason) };
    case "handling_started":
      return { kind, note: s(m.note) };
    case "replied":
      // The competent body only means something on a "not our competence" reply; Rust counts one without it.
      return m.not_competent
        ? { kind, text: s(m.text), not_competent: true, competent_body: s(m.competent_body) }
        : { kind, text: s(m.text), not_competent: false };
    case "extended":
      // Days given by the clerk replace the rule's extension; otherwise Rust freezes the rule's.
      return m.days
        ? { kind, reason: s(m.reason), approver: s(m.approver), limit: { amount: m.days, unit: "working_days" } }
        : { kind, reason: s(m.reason), approver: s(m.approver) };
    case "finished":
      return { kind, summary: s(m.summary) };
    case "fed_back":
      // Either the citizen was told (how, when) or the reason they cannot be reached: never both.
      return m.reached
        ? { kind, how: s(m.how), told_on: m.told_on || null, deputy_told: m.deputy_told }
        : { kind, deputy_told: m.deputy_told, unreachable_reason: s(m.unreachable_reason) };
    case "rated":
      if (!m.rating) return null;
      return m.rating === "unsatisfied" ? { kind, rating: m.rating, reason: s(m.reason) } : { kind, rating: m.rating };
    case "looked_back":
      return { kind, result: s(m.result) };
    case "published":
      return { kind, summary: s(m.summary) };
    case "archived":
      return { kind };
    default:
      return null;
  }
}
