//! Commands of 进站履职: the duty rota (today's duty deputies for 工作台, a date range, adding and removing slots,
//! the week due to be posted, the printed rota), station activities with attendance, leaders' station visits and
//! their coverage, and a deputy's duty file (履职档案). Days are counted on the store's clock.

use std::sync::Arc;

use chrono::NaiveDate;
use liaison_core::duty::{
    self, ActivityInput, ActivityView, Announcement, Coverage, DutyFile, LeaderVisitInput, LeaderVisitView, RotaEntry,
    RotaInput, RotaSpan, activities, leaders, rota,
};
use liaison_core::ledger::Period;
use liaison_core::workflow::deadlines::china_date;
use serde::Deserialize;
use tauri::State;

use super::roster_files::{ExportSummary, FileServices, write_xlsx};
use super::{blocking, lock, require_session, write_as};
use crate::ipc::IpcResult;
use crate::{SessionState, StoreState};

/// The deputies on duty today (the store's clock) at one station, or at every station.
#[tauri::command]
#[specta::specta]
pub async fn duty_today(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    station_code: Option<String>,
) -> IpcResult<Vec<RotaEntry>> {
    require_session(&session)?;
    let store = lock(&store)?;
    let today = china_date(store.deps().clock.now());
    Ok(rota::on_duty(store.conn(), station_code.as_deref(), today)?)
}

/// The rota of one station (or every station) from `from` to `to`, by day.
#[tauri::command]
#[specta::specta]
pub async fn rota_list(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    station_code: Option<String>,
    from: NaiveDate,
    to: NaiveDate,
) -> IpcResult<Vec<RotaEntry>> {
    require_session(&session)?;
    Ok(rota::list(lock(&store)?.conn(), station_code.as_deref(), from, to)?)
}

/// Puts deputies on the rota for one session of one day.
#[tauri::command]
#[specta::specta]
pub async fn rota_add(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    input: RotaInput,
) -> IpcResult<Vec<RotaEntry>> {
    write_as(&store, &session, |w, _| rota::add(w, &input))
}

/// Takes deputies off the rota for one session of one day; answers how many slots were removed.
#[tauri::command]
#[specta::specta]
pub async fn rota_remove(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    input: RotaInput,
) -> IpcResult<u32> {
    let removed = write_as(&store, &session, |w, _| rota::remove(w, &input))?;
    Ok(u32::try_from(removed).unwrap_or(u32::MAX))
}

/// Which week's rota must be posted next, and by when (announced three days ahead).
#[tauri::command]
#[specta::specta]
pub async fn rota_announcement(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<Announcement> {
    require_session(&session)?;
    let today = china_date(lock(&store)?.deps().clock.now());
    Ok(duty::rota_announcement_due(today, rota::ANNOUNCE_DAYS_AHEAD))
}

/// The printed rota (值班表) of a station for the week containing `week_of`, or for a month (`year`, `month`),
/// written to an XLSX file chosen with the save dialog; `null` when the dialog is cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_rota(
    files: State<'_, Arc<FileServices>>,
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    station_code: String,
    span: RotaSpanInput,
) -> IpcResult<Option<ExportSummary>> {
    require_session(&session)?;
    let table = rota::rota_sheet(lock(&store)?.conn(), &station_code, span.into())?;
    let name = format!("{}.xlsx", table.title.clone().unwrap_or_else(|| "值班表".into()));
    let files = Arc::clone(&files);
    blocking(move || match (files.save_file)(&name) {
        Some(path) => write_xlsx(path.display().to_string(), table).map(Some),
        None => Ok(None),
    })
    .await
}

/// What a printed rota covers, as the window sends it.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RotaSpanInput {
    /// The week (Monday to Sunday) containing `day`.
    Week {
        /// Any day of the week.
        day: NaiveDate,
    },
    /// A calendar month.
    Month {
        /// The year.
        year: i32,
        /// The month, 1–12.
        month: u32,
    },
}

impl From<RotaSpanInput> for RotaSpan {
    fn from(span: RotaSpanInput) -> Self {
        match span {
            RotaSpanInput::Week { day } => RotaSpan::Week(day),
            RotaSpanInput::Month { year, month } => RotaSpan::Month { year, month },
        }
    }
}

/// Records a station activity (held with its attendance, or planned).
#[tauri::command]
#[specta::specta]
pub async fn activity_record(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    input: ActivityInput,
) -> IpcResult<ActivityView> {
    write_as(&store, &session, |w, _| activities::record(w, &input))
}

/// The activities of one station (or all) in a period (`2026`, `2026-Q3`, `2026-07`).
#[tauri::command]
#[specta::specta]
pub async fn activity_list(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    station_code: Option<String>,
    period: String,
) -> IpcResult<Vec<ActivityView>> {
    require_session(&session)?;
    let period: Period = period.parse()?;
    Ok(activities::list(lock(&store)?.conn(), station_code.as_deref(), &period)?)
}

/// Records a leader's visit to a station.
#[tauri::command]
#[specta::specta]
pub async fn leader_visit_record(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    input: LeaderVisitInput,
) -> IpcResult<LeaderVisitView> {
    write_as(&store, &session, |w, _| leaders::record(w, &input))
}

/// Leaders' visits to one station (or all) in a period.
#[tauri::command]
#[specta::specta]
pub async fn leader_visit_list(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    station_code: Option<String>,
    period: String,
) -> IpcResult<Vec<LeaderVisitView>> {
    require_session(&session)?;
    let period: Period = period.parse()?;
    Ok(leaders::list(lock(&store)?.conn(), station_code.as_deref(), &period)?)
}

/// Leaders' visit coverage: stations visited ÷ open stations in scope (a region's subtree, or all) in a period,
/// with the stations not yet visited.
#[tauri::command]
#[specta::specta]
pub async fn leader_coverage(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    region_code: Option<String>,
    period: String,
) -> IpcResult<Coverage> {
    require_session(&session)?;
    let period: Period = period.parse()?;
    Ok(duty::coverage(lock(&store)?.conn(), region_code.as_deref(), &period)?)
}

/// A deputy's duty file (履职档案) over a period: activities, visits received, matters first-responded.
#[tauri::command]
#[specta::specta]
pub async fn deputy_duty_file(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    deputy_code: String,
    period: String,
) -> IpcResult<DutyFile> {
    require_session(&session)?;
    let period: Period = period.parse()?;
    let store = lock(&store)?;
    Ok(duty::duty_file(store.conn(), &deputy_code, &period, store.deps().clock.now())?)
}
