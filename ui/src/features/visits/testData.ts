// Shared test data for 接待登记's tests: the deadline preview Rust gives for a 交办 category (研判分流 2 working
// days, 办理 15), used by the preview line's own test and by the form's preview.
import type { DeadlinePreview } from "../../ipc";

export const ASSIGN_PREVIEW: DeadlinePreview = {
  suggested_route: "assign",
  route_label: "交办",
  steps: [
    { step_label: "研判分流", limit_label: "2个工作日", due_on: "2026-12-01" },
    { step_label: "办理", limit_label: "15个工作日", due_on: "2026-12-16" },
  ],
  calendar_covers: true,
};
