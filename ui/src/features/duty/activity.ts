// The activity form's pieces that are not markup: the kinds in the domain's order and one attendance line.
import type { ActivityKind, AttendanceStatus } from "../../ipc";

/** The kinds in the domain's order; Rust takes the Chinese names or the codes, the codes are sent. */
export const ACTIVITY_KINDS: readonly ActivityKind[] = [
  "reception",
  "research",
  "inspection",
  "forum",
  "publicity",
  "performance_review",
  "law_enforcement_check",
  "suggestion_supervision",
];

export const ATTENDANCE_STATUSES: readonly AttendanceStatus[] = ["present", "leave", "absent"];

export interface AttendanceLine {
  deputy_code: string;
  deputy_name: string;
  status: AttendanceStatus;
  reason: string;
}

/** 出席 / 请假 / 缺席 counts of an activity's attendance. */
export function attendanceCounts(lines: readonly { status: AttendanceStatus }[]): Record<AttendanceStatus, number> {
  const counts: Record<AttendanceStatus, number> = { present: 0, leave: 0, absent: 0 };
  for (const line of lines) if (line.status in counts) counts[line.status] += 1;
  return counts;
}
