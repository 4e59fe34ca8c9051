//! Commands of 承办单位测评 (the department ranking on 统计): the ranking of a period as the office computes it on
//! the store's clock, the same rows written to XLSX where the operator chose in the save dialog, and the recorded
//! rankings: 记录本期测评 files the period's ranking and puts its bottom three on the re-evaluation list, whose
//! change shows once the three months after are recorded.

use std::sync::Arc;

use liaison_core::ledger::Period;
use liaison_core::workflow::ranking::{self, Evaluation, RankedUnit, evaluations, record_as};
use serde::Serialize;
use tauri::State;

use super::roster_files::{ExportSummary, FileServices};
use super::{blocking, lock, require_session, write_as};
use crate::ipc::IpcResult;
use crate::{SessionState, StoreState};

/// A period's ranking.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct UnitRanking {
    /// How the period is named ("2026年第三季度").
    pub period_label: String,
    /// The day the figures are judged on (the store's clock), `YYYY-MM-DD`.
    pub judged_on: String,
    /// The day the flagged units are evaluated again, `YYYY-MM-DD`.
    pub reevaluation_on: String,
    /// Ranked units first (1 = best), then the units without rated answers.
    pub rows: Vec<RankedUnit>,
}

fn rows_of(store: &StoreState, period: &Period) -> IpcResult<(Vec<RankedUnit>, chrono::DateTime<chrono::Utc>)> {
    let store = lock(store)?;
    let now = store.deps().clock.now();
    Ok((ranking::ranking(store.conn(), period, now)?, now))
}

/// The ranking of `period` (`2026`, `2026-Q3`, `2026-07`, as in the CLI).
#[tauri::command]
#[specta::specta]
pub async fn unit_ranking(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    period: String,
) -> IpcResult<UnitRanking> {
    require_session(&session)?;
    let period = period.parse::<Period>()?;
    let store = StoreState::clone(&store);
    blocking(move || {
        let (rows, now) = rows_of(&store, &period)?;
        Ok(UnitRanking {
            period_label: period.label.clone(),
            judged_on: liaison_core::workflow::deadlines::china_date(now).to_string(),
            reevaluation_on: ranking::reevaluation_day(&period).to_string(),
            rows,
        })
    })
    .await
}

/// Asks where to save the ranking sheet; `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn choose_ranking_file(
    files: State<'_, Arc<FileServices>>,
    session: State<'_, SessionState>,
    period: String,
) -> IpcResult<Option<String>> {
    require_session(&session)?;
    let period = period.parse::<Period>()?;
    let name = format!("承办单位满意度测评（{}）.xlsx", period.label);
    let files = Arc::clone(&files);
    let chosen = blocking(move || Ok((files.save_file)(&name))).await?;
    Ok(chosen.map(|p| p.display().to_string()))
}

/// Writes the ranking of `period` to `path` (XLSX), the sheet `liaison unit ranking --out` writes.
#[tauri::command]
#[specta::specta]
pub async fn export_unit_ranking(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    period: String,
    path: String,
) -> IpcResult<ExportSummary> {
    require_session(&session)?;
    let period = period.parse::<Period>()?;
    let store = StoreState::clone(&store);
    blocking(move || {
        let (rows, _) = rows_of(&store, &period)?;
        super::roster_files::write_xlsx(path, ranking::table(&rows, &period))
    })
    .await
}

/// Records the ranking of `period` (replacing an earlier recording of it); refused to clerks.
#[tauri::command]
#[specta::specta]
pub async fn record_unit_ranking(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    period: String,
) -> IpcResult<Evaluation> {
    let period = period.parse::<Period>()?;
    write_as(&store, &session, |w, actor| record_as(w, actor, &period))
}

/// Every recorded ranking, newest period first, with the re-evaluation schedule and each flagged unit's change.
#[tauri::command]
#[specta::specta]
pub async fn unit_evaluations(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<Vec<Evaluation>> {
    require_session(&session)?;
    let store = StoreState::clone(&store);
    blocking(move || Ok(evaluations(lock(&store)?.conn())?)).await
}
