//! The registry of synced entities: their tables, their fields, the fields a row cannot exist without, and the
//! hook that refreshes derived data after a row is projected. Adding a synced entity means adding it here (and a
//! migration for its table); nothing else in the change-log engine changes.

use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// A kind of synced entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A county/district or township/sub-district.
    Region,
    /// A liaison station or another platform.
    Platform,
    /// A deputy.
    Deputy,
    /// A handling unit (承办单位): a department or a township government.
    HandlingUnit,
    /// A citizen visit (接待).
    Visit,
    /// A matter (事项) raised in a visit.
    Matter,
    /// One step of a matter's workflow: insert-only, identified by its own id.
    MatterEvent,
    /// A deputy on the duty rota (进站值班) for one session of one day at one station.
    DutySlot,
    /// A station activity (履职活动: 调研, 视察, 座谈 ...).
    Activity,
    /// One deputy's attendance at an activity.
    ActivityAttendance,
    /// A leader's visit to a station (领导干部进站).
    LeaderVisit,
    /// A file attached to a matter (附件), named by its SHA-256.
    MatterAttachment,
}

impl EntityKind {
    /// Every kind, in dependency order (a platform needs its region, a deputy its station, a visit its station,
    /// a matter its visit, an event its matter; duty records need stations and deputies, attendance its activity).
    pub const ALL: [EntityKind; 12] = [
        EntityKind::Region,
        EntityKind::Platform,
        EntityKind::Deputy,
        EntityKind::HandlingUnit,
        EntityKind::Visit,
        EntityKind::Matter,
        EntityKind::MatterEvent,
        EntityKind::DutySlot,
        EntityKind::Activity,
        EntityKind::ActivityAttendance,
        EntityKind::LeaderVisit,
        EntityKind::MatterAttachment,
    ];

    /// The name stored in the change log.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Region => "region",
            EntityKind::Platform => "platform",
            EntityKind::Deputy => "deputy",
            EntityKind::HandlingUnit => "handling_unit",
            EntityKind::Visit => "visit",
            EntityKind::Matter => "matter",
            EntityKind::MatterEvent => "matter_event",
            EntityKind::DutySlot => "duty_slot",
            EntityKind::Activity => "activity",
            EntityKind::ActivityAttendance => "activity_attendance",
            EntityKind::LeaderVisit => "leader_visit",
            EntityKind::MatterAttachment => "matter_attachment",
        }
    }

    /// What people call a record of this kind (in messages about one).
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Region => "区域",
            EntityKind::Platform => "平台",
            EntityKind::Deputy => "代表",
            EntityKind::HandlingUnit => "承办单位",
            EntityKind::Visit => "接待记录",
            EntityKind::Matter => "事项",
            EntityKind::MatterEvent => "事项办理记录",
            EntityKind::DutySlot => "值班安排",
            EntityKind::Activity => "履职活动",
            EntityKind::ActivityAttendance => "活动出席记录",
            EntityKind::LeaderVisit => "领导干部进站记录",
            EntityKind::MatterAttachment => "事项附件",
        }
    }

    /// The kind with this stored name.
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// How the engine stores and projects this kind.
    pub fn spec(self) -> &'static EntitySpec {
        match self {
            EntityKind::Region => &REGION,
            EntityKind::Platform => &PLATFORM,
            EntityKind::Deputy => &DEPUTY,
            EntityKind::HandlingUnit => &HANDLING_UNIT,
            EntityKind::Visit => &VISIT,
            EntityKind::Matter => &MATTER,
            EntityKind::MatterEvent => &MATTER_EVENT,
            EntityKind::DutySlot => &DUTY_SLOT,
            EntityKind::Activity => &ACTIVITY,
            EntityKind::ActivityAttendance => &ACTIVITY_ATTENDANCE,
            EntityKind::LeaderVisit => &LEADER_VISIT,
            EntityKind::MatterAttachment => &MATTER_ATTACHMENT,
        }
    }
}

/// Runs after an entity's row was projected (`deleted` tells whether it was removed).
pub type ProjectHook = fn(tx: &Transaction<'_>, id: &str, deleted: bool) -> Result<()>;

/// How one entity kind maps onto its table.
#[derive(Debug)]
pub struct EntitySpec {
    /// The projected table (its key column is `id`).
    pub table: &'static str,
    /// Every synced field; each is a column of `table`.
    pub fields: &'static [&'static str],
    /// Fields without which the row cannot be written (an update that arrived before its insert waits).
    pub required: &'static [&'static str],
    /// Refreshes derived data.
    pub after_project: ProjectHook,
    /// An append-only record (a matter's events): only inserts are accepted, each id once, so history cannot
    /// be rewritten by a later change from any node. Having one write, it keeps no registers in `field_state`:
    /// its row is projected once, from that insert, and also carries the insert's stamp in the columns `hlc` and
    /// `node_id` (the order of a matter's events).
    pub insert_only: bool,
}

impl EntitySpec {
    /// True when `field` is a synced field of this entity.
    pub fn has_field(&self, field: &str) -> bool {
        self.fields.contains(&field)
    }
}

fn no_hook(_: &Transaction<'_>, _: &str, _: bool) -> Result<()> {
    Ok(())
}

static REGION: EntitySpec = EntitySpec {
    table: "regions",
    fields: &["code", "name", "kind", "parent_id"],
    required: &["code", "name", "kind"],
    after_project: no_hook,
    insert_only: false,
};

static PLATFORM: EntitySpec = EntitySpec {
    table: "platforms",
    fields: &[
        "code",
        "name",
        "kind",
        "region_id",
        "address",
        "phone",
        "opening_hours",
        "reception_days",
        "star_ratings",
        "head_name",
        "clerks",
        "status",
        "closed_on",
    ],
    required: &["code", "name", "kind", "region_id"],
    after_project: crate::roster::platform::after_project,
    insert_only: false,
};

static DEPUTY: EntitySpec = EntitySpec {
    table: "deputies",
    fields: &[
        "code",
        "name",
        "gender",
        "ethnicity",
        "birth_month",
        "levels",
        "electoral_district",
        "station_id",
        "work_unit",
        "title",
        "leading_cadre",
        "entrepreneur",
        "public_contact",
        "private_phone",
        "id_number",
        "photo_sha256",
        "status",
        "ended_on",
    ],
    required: &["code", "name"],
    after_project: crate::roster::deputy::after_project,
    insert_only: false,
};

static HANDLING_UNIT: EntitySpec = EntitySpec {
    table: "handling_units",
    fields: &["code", "name", "kind", "contact", "status"],
    required: &["code", "name", "kind"],
    after_project: no_hook,
    insert_only: false,
};

static VISIT: EntitySpec = EntitySpec {
    table: "visits",
    fields: &["station_id", "received_at", "channel", "deputies", "clerk", "citizens", "head_count"],
    required: &["station_id", "received_at", "channel"],
    after_project: no_hook,
    insert_only: false,
};

static MATTER: EntitySpec = EntitySpec {
    table: "matters",
    fields: &[
        "code",
        "visit_id",
        "title",
        "detail",
        "category",
        "place",
        "first_responder",
        "lead_code",
        "lead_reply",
        "lead_replied_on",
    ],
    required: &["code", "visit_id", "title", "category", "first_responder"],
    after_project: no_hook,
    insert_only: false,
};

static MATTER_EVENT: EntitySpec = EntitySpec {
    table: "matter_events",
    fields: &["matter_id", "kind", "at", "operator", "payload"],
    required: &["matter_id", "kind", "at", "operator", "payload"],
    after_project: crate::workflow::events::after_project,
    insert_only: true,
};

static MATTER_ATTACHMENT: EntitySpec = EntitySpec {
    table: "matter_attachments",
    fields: &["matter_id", "file_name", "mime", "size", "sha256", "added_at", "added_by"],
    required: &["matter_id", "file_name", "mime", "size", "sha256", "added_at"],
    after_project: no_hook,
    insert_only: false,
};

static DUTY_SLOT: EntitySpec = EntitySpec {
    table: "duty_rota",
    fields: &["station_id", "on_date", "session", "deputy_id"],
    required: &["station_id", "on_date", "session", "deputy_id"],
    after_project: no_hook,
    insert_only: false,
};

static ACTIVITY: EntitySpec = EntitySpec {
    table: "station_activities",
    fields: &["station_id", "on_date", "kind", "title", "place", "notes", "status", "people_received"],
    required: &["station_id", "on_date", "kind", "title"],
    after_project: no_hook,
    insert_only: false,
};

static ACTIVITY_ATTENDANCE: EntitySpec = EntitySpec {
    table: "activity_attendance",
    fields: &["activity_id", "deputy_id", "status", "leave_reason"],
    required: &["activity_id", "deputy_id", "status"],
    after_project: no_hook,
    insert_only: false,
};

static LEADER_VISIT: EntitySpec = EntitySpec {
    table: "leader_visits",
    fields: &["station_id", "on_date", "leader_name", "leader_post", "purpose"],
    required: &["station_id", "on_date", "leader_name"],
    after_project: no_hook,
    insert_only: false,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in EntityKind::ALL {
            assert_eq!(EntityKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(EntityKind::parse("deputies"), None);
    }
}
