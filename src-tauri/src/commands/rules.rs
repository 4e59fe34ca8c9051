//! Commands of 设置 → 办理规则 and 节假日日历, and the deadline preview of 接待登记: reading the rules and one year of
//! the calendar, the role-checked edits (office staff and administrators; the core checks the operator's current
//! row and audits every edit), importing a year's calendar file chosen with the native dialog.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use liaison_core::calendar::YearSummary;
use liaison_core::calendar::edit::{self, CalendarYearView};
use liaison_core::workflow::configure::{self, CategoryRule, DeadlinePreview, LimitRule, RulesView, RungRule};
use liaison_core::workflow::deadlines::china_date;
use tauri::State;

use super::roster_files::{FileServices, PickKind};
use super::{blocking, lock, require_session, write_as};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// The workflow rules in force: time limits, the escalation ladder, the categories with their suggested routes.
#[tauri::command]
#[specta::specta]
pub async fn rules_view(store: State<'_, StoreState>, session: State<'_, SessionState>) -> IpcResult<RulesView> {
    require_session(&session)?;
    Ok(configure::view(lock(&store)?.conn())?)
}

/// Sets one time limit (the default `*` or a category's override).
#[tauri::command]
#[specta::specta]
pub async fn set_time_limit(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    rule: LimitRule,
) -> IpcResult<()> {
    write_as(&store, &session, |w, actor| configure::set_limit_as(w, actor, &rule))
}

/// Removes a category's override of one step.
#[tauri::command]
#[specta::specta]
pub async fn clear_time_limit(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    category: String,
    step: String,
) -> IpcResult<()> {
    write_as(&store, &session, |w, actor| configure::clear_limit_as(w, actor, &category, &step))
}

/// Replaces the escalation ladder.
#[tauri::command]
#[specta::specta]
pub async fn set_escalation_ladder(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    ladder: Vec<RungRule>,
) -> IpcResult<()> {
    write_as(&store, &session, |w, actor| configure::set_ladder_as(w, actor, &ladder))
}

/// Replaces the category list (order and suggested routes).
#[tauri::command]
#[specta::specta]
pub async fn set_categories(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    categories: Vec<CategoryRule>,
) -> IpcResult<()> {
    write_as(&store, &session, |w, actor| configure::set_categories_as(w, actor, &categories))
}

/// The route a category suggests and the deadlines a matter registered today (the store's clock) would get.
#[tauri::command]
#[specta::specta]
pub async fn deadline_preview(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    category: String,
) -> IpcResult<DeadlinePreview> {
    require_session(&session)?;
    let store = lock(&store)?;
    let today = china_date(store.deps().clock.now());
    Ok(configure::preview(store.conn(), &category, today)?)
}

/// One year of the calendar (`null`: this year by the store's clock).
#[tauri::command]
#[specta::specta]
pub async fn calendar_year(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    year: Option<i32>,
) -> IpcResult<CalendarYearView> {
    require_session(&session)?;
    let store = lock(&store)?;
    let year = year.unwrap_or_else(|| china_date(store.deps().clock.now()).year());
    Ok(edit::year_view(store.conn(), year)?)
}

/// Sets one day: a holiday (`off: true`), a make-up working day (`off: false`), or back to the weekday rule
/// (`off: null`).
#[tauri::command]
#[specta::specta]
pub async fn calendar_set_day(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    date: NaiveDate,
    off: Option<bool>,
    name: String,
) -> IpcResult<()> {
    write_as(&store, &session, |w, actor| edit::set_day_as(w, actor, date, off, &name))
}

/// Asks for a year's calendar file with the system's open dialog; `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_calendar_file(
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let files = Arc::clone(&files);
    let chosen = blocking(move || Ok((files.pick_file)(PickKind::Calendar))).await?;
    Ok(chosen.map(|p| p.display().to_string()))
}

/// Imports a year's calendar file (holiday-cn JSON), replacing that year.
#[tauri::command]
#[specta::specta]
pub async fn calendar_import(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    path: String,
) -> IpcResult<YearSummary> {
    let json = std::fs::read_to_string(&path)
        .map_err(|e| IpcError::new(liaison_core::ErrorCode::Invalid, format!("无法读取日历文件 {path}：{e}")))?;
    write_as(&store, &session, |w, actor| edit::import_year_as(w, actor, &json))
}
