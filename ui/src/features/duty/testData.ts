// Test data of 进站履职: a week of the rota at 光明路联络站 (XH-09), activities, leaders' visits and a duty file.
import type { ActivityView, Announcement, Coverage, DutyFile, LeaderVisitView, RotaEntry } from "../../ipc";

export function rota(over: Partial<RotaEntry>): RotaEntry {
  return {
    id: "r1",
    station_code: "XH-09",
    station_name: "光明路联络站",
    date: "2026-11-25",
    weekday: "周三",
    session: "morning",
    session_label: "上午",
    deputy_code: "D000001",
    deputy_name: "张明新",
    deputy_levels: "市、县人大代表",
    public_contact: "0375-2661234",
    ...over,
  };
}

export const WEEK: RotaEntry[] = [
  rota({}),
  rota({ id: "r2", deputy_code: "D000002", deputy_name: "李秀英" }),
  rota({ id: "r3", date: "2026-11-27", weekday: "周五", session: "all_day", session_label: "全天", deputy_code: "D000003", deputy_name: "王建国" }),
];

export const ANNOUNCEMENT: Announcement = {
  week_start: "2026-11-30",
  week_end: "2026-12-06",
  week_label: "2026年12月第1周",
  publish_by: "2026-11-27",
  days_left: 2,
  message: "2026年12月第1周值班表应于2026年11月27日前公示",
};

export const ACTIVITY: ActivityView = {
  id: "a1",
  station_code: "XH-09",
  station_name: "光明路联络站",
  date: "2026-11-20",
  kind: "research",
  kind_label: "调研",
  title: "老旧小区改造专题调研",
  place: "光明路社区",
  notes: "",
  status: "held",
  status_label: "已开展",
  people_received: 12,
  attendance: [
    { deputy_code: "D000001", deputy_name: "张明新", status: "present", status_label: "出席", reason: "" },
    { deputy_code: "D000002", deputy_name: "李秀英", status: "present", status_label: "出席", reason: "" },
    { deputy_code: "D000003", deputy_name: "王建国", status: "leave", status_label: "请假", reason: "外出学习" },
  ],
};

export const LEADER_VISIT: LeaderVisitView = {
  id: "l1",
  station_code: "XH-09",
  station_name: "光明路联络站",
  date: "2026-11-18",
  leader_name: "赵卫东",
  leader_post: "市人大常委会副主任",
  purpose: "接待群众",
};

export const COVERAGE: Coverage = {
  scope: "全部",
  period: "2026年第4季度",
  stations_in_scope: 4,
  stations_visited: 3,
  visits: 5,
  rate: 0.75,
  rate_label: "75.0%",
  not_visited: [{ code: "XH-12", name: "矿工路联络站" }],
};

export const DUTY_FILE: DutyFile = {
  deputy_code: "D000001",
  deputy_name: "张明新",
  station_name: "光明路联络站",
  period: "2026年",
  totals: {
    duty_sessions: 6,
    duty_days: 5,
    present: 3,
    leave: 1,
    absent: 0,
    visits: 4,
    people_received: 9,
    matters: 3,
    matters_closed: 2,
  },
  duty: [rota({})],
  activities: [{ activity: ACTIVITY, own: ACTIVITY.attendance[0]! }],
  visits: [{ visit_id: "v1", date: "2026-11-25", station_name: "光明路联络站", channel: "来访", head_count: 2, matters: 1 }],
  matters: [
    {
      code: "XH-09-20261125-01",
      title: "小区路灯不亮",
      date: "2026-11-25",
      state: "handling",
      state_label: "办理中",
      overdue_working_days: 2,
    },
  ],
};
