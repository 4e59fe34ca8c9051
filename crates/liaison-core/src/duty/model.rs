//! The closed vocabularies of duty and activities, with their stored names and Chinese labels: the rota's
//! sessions, the kinds of activity, an activity's status and a deputy's attendance. Forms and the CLI may write
//! either the stored name or the label ([`Session::parse_loose`] and friends), as clerks type what they read.

use serde::{Deserialize, Serialize};

use crate::roster::kinds::vocabulary;

vocabulary! {
    /// A session of a duty day (值班时段): stations receive by the half day or the whole day.
    Session {
        /// 上午
        Morning = "morning", "上午";
        /// 下午
        Afternoon = "afternoon", "下午";
        /// 全天
        AllDay = "all_day", "全天";
    }
}

vocabulary! {
    /// What a station activity is (履职活动形式), as the domain lists them.
    ActivityKind {
        /// 接待群众
        Reception = "reception", "接待群众";
        /// 调研
        Research = "research", "调研";
        /// 视察
        Inspection = "inspection", "视察";
        /// 座谈
        Forum = "forum", "座谈";
        /// 宣讲
        Publicity = "publicity", "宣讲";
        /// 述职评议
        PerformanceReview = "performance_review", "述职评议";
        /// 执法检查
        LawEnforcementCheck = "law_enforcement_check", "执法检查";
        /// 建议督办
        SuggestionSupervision = "suggestion_supervision", "建议督办";
    }
}

vocabulary! {
    /// Whether an activity is still planned or has taken place.
    ActivityStatus {
        /// 计划中
        Planned = "planned", "计划中";
        /// 已开展
        Held = "held", "已开展";
    }
}

vocabulary! {
    /// A deputy's attendance at an activity (出勤情况).
    AttendanceStatus {
        /// 出席
        Present = "present", "出席";
        /// 请假 (with a reason)
        Leave = "leave", "请假";
        /// 缺席
        Absent = "absent", "缺席";
    }
}

/// Reads a stored name or a label, ignoring surrounding spaces.
fn loose<T: Copy>(all: &[T], raw: &str, name: fn(T) -> &'static str, label: fn(T) -> &'static str) -> Option<T> {
    let raw = raw.trim();
    all.iter().copied().find(|v| name(*v) == raw || label(*v) == raw)
}

impl Session {
    /// A stored name, a label, or 上/下/全.
    pub fn parse_loose(raw: &str) -> Option<Session> {
        match raw.trim() {
            "上" | "am" | "AM" => Some(Session::Morning),
            "下" | "pm" | "PM" => Some(Session::Afternoon),
            "全" | "全日" => Some(Session::AllDay),
            other => loose(Session::ALL, other, Session::as_str, Session::label),
        }
    }

    /// Whether a deputy on duty in both sessions would be in two places at once (the whole day overlaps both
    /// halves).
    pub fn overlaps(self, other: Session) -> bool {
        self == other || self == Session::AllDay || other == Session::AllDay
    }
}

impl ActivityKind {
    /// A stored name or a label (also 接待 for 接待群众, 督办 for 建议督办).
    pub fn parse_loose(raw: &str) -> Option<ActivityKind> {
        match raw.trim() {
            "接待" | "接待日" => Some(ActivityKind::Reception),
            "督办" => Some(ActivityKind::SuggestionSupervision),
            "座谈会" => Some(ActivityKind::Forum),
            other => loose(ActivityKind::ALL, other, ActivityKind::as_str, ActivityKind::label),
        }
    }

    /// Every label, for messages ("调研、视察、…").
    pub fn labels() -> String {
        ActivityKind::ALL.iter().map(|k| k.label()).collect::<Vec<_>>().join("、")
    }
}

impl AttendanceStatus {
    /// A stored name or a label (also 到会/出勤 for 出席).
    pub fn parse_loose(raw: &str) -> Option<AttendanceStatus> {
        match raw.trim() {
            "到会" | "出勤" | "参加" => Some(AttendanceStatus::Present),
            "未到" => Some(AttendanceStatus::Absent),
            other => loose(AttendanceStatus::ALL, other, AttendanceStatus::as_str, AttendanceStatus::label),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_labels_round_trip() {
        for s in Session::ALL {
            assert_eq!(Session::parse(s.as_str()), Some(*s));
            assert_eq!(Session::parse_loose(s.label()), Some(*s));
        }
        for k in ActivityKind::ALL {
            assert_eq!(ActivityKind::parse_loose(k.as_str()), Some(*k));
            assert_eq!(ActivityKind::parse_loose(k.label()), Some(*k));
        }
        for a in AttendanceStatus::ALL {
            assert_eq!(AttendanceStatus::parse_loose(&format!(" {} ", a.label())), Some(*a));
        }
        assert_eq!(ActivityKind::ALL.len(), 8);
        assert_eq!(ActivityKind::parse_loose("开会"), None);
        assert_eq!(Session::parse_loose("晚上"), None);
    }

    #[test]
    fn the_whole_day_overlaps_both_halves() {
        assert!(Session::AllDay.overlaps(Session::Morning) && Session::Afternoon.overlaps(Session::AllDay));
        assert!(Session::Morning.overlaps(Session::Morning));
        assert!(!Session::Morning.overlaps(Session::Afternoon));
    }
}
