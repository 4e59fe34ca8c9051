//! Commands over the roster: its numbers, the as-you-type search, the deputies and platforms lists, a record's
//! detail, saving a record (field-level Chinese errors), and the audited reveal of a deputy's personal data.

use liaison_core::ErrorCode;
use liaison_core::operators::permit::reveal_private_as;
use liaison_core::roster::Saved;
use liaison_core::roster::deputy::{self, DeputyInput, PrivateData};
use liaison_core::roster::kinds::Level;
use liaison_core::roster::listing::{self, DeputyListFilter, DeputyPage, PlatformListFilter};
use liaison_core::roster::platform::{self, PlatformInput};
use liaison_core::roster::query::{self as roster_query, DeputyView, PlatformView};
use liaison_core::roster::region::{self, Region};
use liaison_core::search::DocKind;
use liaison_core::search::query::{self, SearchFilter, SearchHit};
use liaison_core::stats::{self, RosterStats};
use serde::Deserialize;
use tauri::State;

use super::{lock, require_session, write_as};
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
        .ok_or_else(|| IpcError::new(ErrorCode::NotFound, format!("代表编号 {code} 不存在")))
}

/// One page of the deputies list (`limit` rows from `offset`), personal data masked.
#[tauri::command]
#[specta::specta]
pub async fn deputy_page(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    filter: DeputyListFilter,
    offset: u32,
    limit: u32,
) -> IpcResult<DeputyPage> {
    require_session(&session)?;
    Ok(listing::deputy_page(lock(&store)?.conn(), &filter, offset, limit)?)
}

/// Creates (empty code) or updates a deputy in the signed-in operator's name; `invalid` with the fields at fault.
#[tauri::command]
#[specta::specta]
pub async fn save_deputy(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    input: DeputyInput,
) -> IpcResult<Saved> {
    write_as(&store, &session, |w, _| deputy::save(w, &input))
}

/// A deputy's private phone and ID number, for a role allowed to see them; the reveal and its reason are audited.
#[tauri::command]
#[specta::specta]
pub async fn reveal_deputy_private(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    code: String,
    reason: String,
) -> IpcResult<PrivateData> {
    write_as(&store, &session, |w, actor| reveal_private_as(w, actor, &code, &reason))
}

/// The platforms matching the filter.
#[tauri::command]
#[specta::specta]
pub async fn platform_list(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    filter: PlatformListFilter,
) -> IpcResult<Vec<PlatformView>> {
    require_session(&session)?;
    Ok(listing::platform_list(lock(&store)?.conn(), &filter)?)
}

/// One platform by code; `not_found` when no platform has it.
#[tauri::command]
#[specta::specta]
pub async fn platform_detail(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    code: String,
) -> IpcResult<PlatformView> {
    require_session(&session)?;
    roster_query::platform_by_code(lock(&store)?.conn(), &code)?
        .ok_or_else(|| IpcError::new(ErrorCode::NotFound, format!("平台编码 {code} 不存在")))
}

/// Creates or updates a platform in the signed-in operator's name; `invalid` with the fields at fault.
#[tauri::command]
#[specta::specta]
pub async fn save_platform(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    input: PlatformInput,
) -> IpcResult<Saved> {
    write_as(&store, &session, |w, _| platform::save(w, &input))
}

/// Every region, for filters and forms.
#[tauri::command]
#[specta::specta]
pub async fn region_list(store: State<'_, StoreState>, session: State<'_, SessionState>) -> IpcResult<Vec<Region>> {
    require_session(&session)?;
    Ok(region::list(lock(&store)?.conn())?)
}
