//! Commands over the roster: its numbers, the as-you-type search and a deputy's detail.

use liaison_core::roster::kinds::Level;
use liaison_core::roster::query::{self as roster_query, DeputyView};
use liaison_core::search::DocKind;
use liaison_core::search::query::{self, SearchFilter, SearchHit};
use liaison_core::stats::{self, RosterStats};
use serde::Deserialize;
use tauri::State;

use super::{lock, require_session};
use crate::ipc::{IpcError, IpcResult};
use crate::{SessionState, StoreState};

/// The roster's numbers.
#[tauri::command]
#[specta::specta]
pub async fn roster_stats(store: State<'_, StoreState>, session: State<'_, SessionState>) -> IpcResult<RosterStats> {
    require_session(&session)?;
    Ok(stats::roster_stats(lock(&store)?.conn())?)
}

/// Search filters as the UI sends them (the core's [`SearchFilter`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, specta::Type)]
pub struct SearchFilterInput {
    /// Only these kinds (empty: both).
    pub kinds: Vec<DocKind>,
    /// Deputies holding this level.
    pub level: Option<Level>,
    /// Records in this region or below it (region id).
    pub region_id: Option<String>,
    /// Deputies of this station (platform id).
    pub station_id: Option<String>,
    /// Only leading-cadre deputies.
    pub leading_cadre: bool,
    /// Only entrepreneur deputies.
    pub entrepreneur: bool,
    /// Include deputies whose service ended and closed platforms.
    pub include_inactive: bool,
    /// At most this many hits (`null`: the core's default, 50).
    pub limit: Option<u32>,
}

impl From<SearchFilterInput> for SearchFilter {
    fn from(f: SearchFilterInput) -> Self {
        SearchFilter {
            kinds: f.kinds,
            level: f.level,
            region_id: f.region_id,
            station_id: f.station_id,
            leading_cadre: f.leading_cadre,
            entrepreneur: f.entrepreneur,
            include_inactive: f.include_inactive,
            limit: f.limit.map(|n| n as usize),
        }
    }
}

/// Deputies and platforms matching typed text (name, pinyin, initials, codes, phone tails), phones masked.
#[tauri::command]
#[specta::specta]
pub async fn search_roster(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    text: String,
    filter: SearchFilterInput,
) -> IpcResult<Vec<SearchHit>> {
    require_session(&session)?;
    Ok(query::search(lock(&store)?.conn(), &text, &filter.into())?)
}

/// One deputy by number, private phone and ID number masked; `not_found` when no deputy has that number.
#[tauri::command]
#[specta::specta]
pub async fn deputy_detail(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    code: String,
) -> IpcResult<DeputyView> {
    require_session(&session)?;
    roster_query::deputy_by_code(lock(&store)?.conn(), &code)?
        .ok_or_else(|| IpcError {
            code: liaison_core::ErrorCode::NotFound, message: format!("代表编号 {code} 不存在")
        })
}
