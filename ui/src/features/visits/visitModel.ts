// The 接待登记 form's model: the drafts the rows edit, their blank values, and the one conversion to the
// VisitInput Rust expects. Kept out of the components so the form, the rows and the tests agree on one shape.
import type { CitizenInput, MatterInput, VisitInput } from "../../ipc";

/** Stored channel names the Rust `Channel` parses (it also accepts the Chinese labels; we send the stable ones). */
export const CHANNELS = ["visit", "phone", "letter", "qr", "deputy_visit", "online"] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** The label of a stored category: the translated default when it is one, else the office's own name as is. */
export function categoryLabel(value: string, t: (key: string) => string): string {
  const known = CATEGORIES.find((c) => c.value === value);
  return known ? t(`visits.categories.${known.key}`) : value;
}

/**
 * The default matter categories, in the office's order: the value stored and sent is the Chinese name (that is
 * what the core's `matter_categories` table holds); the key only picks the label in the other language.
 */
export const CATEGORIES: readonly { key: string; value: string }[] = [
  { key: "urban", value: "城乡建设" },
  { key: "social", value: "社会保障" },
  { key: "education", value: "教育" },
  { key: "health", value: "医疗卫生" },
  { key: "environment", value: "生态环境" },
  { key: "transport", value: "交通出行" },
  { key: "rural", value: "农业农村" },
  { key: "jobs", value: "就业创业" },
  { key: "business", value: "营商环境" },
  { key: "governance", value: "社会治理" },
  { key: "other", value: "其他" },
];

export type CitizenDraft = Required<Omit<CitizenInput, "id_number">>;
export type MatterDraft = Required<MatterInput>;

export interface VisitDraft {
  station_code: string;
  channel: ChannelName;
  received_at: Date;
  deputies: string[];
  clerk: string;
  head_count: number | null;
  citizens: CitizenDraft[];
  matters: MatterDraft[];
}

export function blankCitizen(): CitizenDraft {
  return { name: "", anonymous: false, phone: "", address: "" };
}

export function blankMatter(firstResponder = ""): MatterDraft {
  return { title: "", detail: "", category: "", place: "", first_responder: firstResponder };
}

/** A fresh form: one citizen, one matter, received now, at this installation's station, recorded by the operator. */
export function blankVisit(stationCode: string, clerk: string, now: Date = new Date()): VisitDraft {
  return {
    station_code: stationCode,
    channel: "visit",
    received_at: now,
    deputies: [],
    clerk,
    head_count: null,
    citizens: [blankCitizen()],
    matters: [blankMatter()],
  };
}

const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, "0");

/** RFC 3339 in the computer's own offset (e.g. 2026-03-02T09:30:00+08:00): Rust parses it with the offset kept. */
export function toRfc3339(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

/** The VisitInput for `draft`: texts trimmed, an anonymous citizen's name dropped, rows in screen order. */
export function toVisitInput(draft: VisitDraft): VisitInput {
  return {
    station_code: draft.station_code.trim(),
    channel: draft.channel,
    received_at: toRfc3339(draft.received_at),
    deputies: [...draft.deputies],
    clerk: draft.clerk.trim(),
    citizens: draft.citizens.map((c) => ({
      name: c.anonymous ? "" : c.name.trim(),
      anonymous: c.anonymous,
      phone: c.phone.trim(),
      address: c.address.trim(),
    })),
    head_count: draft.head_count,
    matters: draft.matters.map((m) => ({
      title: m.title.trim(),
      detail: m.detail.trim(),
      category: m.category,
      place: m.place.trim(),
      first_responder: m.first_responder.trim(),
    })),
  };
}
