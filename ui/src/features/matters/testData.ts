// Test data of the 意见建议 screen: two list rows (one overdue and escalated, one due soon), and the first one in
// full with a timeline (one act refused in the fold), every escalation rung and the acts its state allows.
import type { MatterSummary, MatterView } from "../../ipc";

export const OVERDUE: MatterSummary = {
  id: "m1",
  code: "SX-2026-0001",
  station_code: "XH-09",
  title: "光明路积水",
  category: "城乡建设",
  first_responder: "王芳",
  state: "handling",
  state_label: "办理中",
  lead_unit: "住建局",
  due_on: "2026-11-10",
  due_soon: false,
  overdue_working_days: 6,
  escalation: "county",
  signal_count: 2,
};

export const DUE_SOON: MatterSummary = {
  id: "m2",
  code: "SX-2026-0002",
  station_code: "XH-09",
  title: "小区路灯不亮",
  category: "社会治理",
  first_responder: "李晓",
  state: "registered",
  state_label: "待研判",
  lead_unit: null,
  due_on: "2026-11-27",
  due_soon: true,
  overdue_working_days: 0,
  escalation: null,
  signal_count: 0,
};

export const DETAIL: MatterView = {
  ...OVERDUE,
  detail: "雨后路面积水严重",
  place: "光明路与建设路交叉口",
  received_at: "2026-10-20T01:30:00Z",
  channel: "来访",
  deputies: ["D000001"],
  citizens: [{ name: "张三", anonymous: false, phone: "138****0000", address: "", id_number: "" }],
  co_units: [],
  accountable: ["王芳", "住建局"],
  deadlines: {
    step: "handle",
    step_label: "办理",
    started_on: "2026-10-21",
    due_on: "2026-11-10",
    working_days_left: -6,
    due_soon: false,
    overdue_working_days: 6,
    escalation: { level: 2, code: "county", name: "县级人大常委会", on: "2026-11-18", reached: true },
    escalations: [
      { level: 0, code: "warn", name: "临期提醒", on: "2026-11-05", reached: true },
      { level: 1, code: "station_head", name: "站长", on: "2026-11-11", reached: true },
      { level: 2, code: "county", name: "县级人大常委会", on: "2026-11-18", reached: true },
      { level: 3, code: "city", name: "市人大常委会办公室", on: "2026-11-25", reached: false },
    ],
    lookback_due_on: null,
    calendar_covers_due: true,
  },
  signals: {
    returns: 1,
    late_returns: 0,
    returns_without_reason: 0,
    handler_changes: 1,
    incompetence_without_body: 0,
    registration_delay_working_days: 0,
    late_registration: false,
  },
  timeline: [
    {
      kind: "registered",
      id: "e1",
      at: "2026-10-20T01:35:00Z",
      operator: "王芳",
      node_id: "n1",
      label: "登记",
      outcome: { outcome: "applied", state: "registered" },
    },
    {
      kind: "assigned",
      lead: "住建局",
      co: ["街道办"],
      id: "e2",
      at: "2026-10-21T02:00:00Z",
      operator: "王芳",
      node_id: "n1",
      label: "交办",
      outcome: { outcome: "applied", state: "assigned" },
    },
    {
      kind: "returned",
      unit: "城管局",
      reason: "不属本单位职责",
      id: "e3",
      at: "2026-10-22T02:00:00Z",
      operator: "李晓",
      node_id: "n2",
      label: "退办",
      outcome: { outcome: "refused", reason: "该单位未承办此事项" },
    },
  ],
  allowed_acts: [
    { kind: "replied", label: "答复" },
    { kind: "extended", label: "延期" },
  ],
  merged: [{ code: "SX-2026-0009", station_code: "LS-01", citizens: 3 }],
  lead: null,
};

/** A matter merged into SX-2026-0001, whose reply its station feeds back. */
export const MERGED: MatterView = {
  ...DETAIL,
  code: "SX-2026-0009",
  state: "merged",
  state_label: "已并案",
  merged: [],
  lead: { code: "SX-2026-0001", reply: "积水点已加装排水管", replied_on: "2026-03-10" },
};

/** A freshly registered matter: it may be answered on the spot or routed. */
export const REGISTERED: MatterView = {
  ...DETAIL,
  ...DUE_SOON,
  timeline: [DETAIL.timeline[0]!],
  allowed_acts: [
    { kind: "answered_on_spot", label: "当场答复" },
    { kind: "guided", label: "不予受理·引导" },
    { kind: "routed_for_assignment", label: "研判为交办" },
  ],
};
