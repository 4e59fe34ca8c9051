//! Commands of visits and matters under 首问负责制: registering a visit with its matters, the matter list and one
//! matter in full (timeline, deadlines, escalations, buck-passing signals, the acts allowed next), recording an
//! act, the groups of similar unassigned matters (汇总梳理) and their 并案, and the handling units. Deadlines are computed by the core as of the store's clock; every write is recorded
//! under the signed-in operator.

use liaison_core::workflow::acts;
use liaison_core::workflow::units::{self, UnitView};
use liaison_core::workflow::{
    self, Acted, Event, MatterFilter, MatterSummary, MatterView, MergeOutcome, QueueCounts, QueueScope,
    RegisteredVisit, SimilarFilter, SimilarGroup, VisitInput,
};
use tauri::State;

use super::{lock, require_session, signed_in, write_as};
use crate::ipc::IpcResult;
use crate::{SessionState, StoreState};

/// Registers a visit and its matters; `invalid` with the fields at fault (e.g. `matters[1].first_responder`).
#[tauri::command]
#[specta::specta]
pub async fn register_visit(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    input: VisitInput,
) -> IpcResult<RegisteredVisit> {
    write_as(&store, &session, |w, _| workflow::register(w, &input))
}

/// The matters matching the filter, each with its state and the current step's deadline.
#[tauri::command]
#[specta::specta]
pub async fn matter_list(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    filter: MatterFilter,
) -> IpcResult<Vec<MatterSummary>> {
    require_session(&session)?;
    let store = lock(&store)?;
    let now = store.deps().clock.now();
    Ok(workflow::list(store.conn(), &filter, now)?)
}

/// The 工作台 counts of one station's matters (or every station's): each queue and the overdue ones by escalation
/// level, as of the store's clock. A card's matters are `matter_list` with the same queue in its filter.
#[tauri::command]
#[specta::specta]
pub async fn matter_queues(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    station_code: Option<String>,
) -> IpcResult<QueueCounts> {
    require_session(&session)?;
    let scope = station_code.map_or(QueueScope::All, QueueScope::Station);
    let store = lock(&store)?;
    Ok(workflow::queues(store.conn(), &scope, store.deps().clock.now())?)
}

/// One matter in full, by id or code; citizens' personal data masked; only the acts the operator's role may record
/// are offered.
#[tauri::command]
#[specta::specta]
pub async fn matter_detail(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    matter: String,
) -> IpcResult<MatterView> {
    let role = signed_in(&session)?.role();
    let store = lock(&store)?;
    let now = store.deps().clock.now();
    Ok(acts::show_for(store.conn(), &matter, now, role)?)
}

/// Records an act on a matter (route, assign, accept, return, reply, finish, feedback, rating, …); an act its state
/// does not allow is refused with the Chinese reason.
#[tauri::command]
#[specta::specta]
pub async fn matter_act(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    matter: String,
    event: Event,
) -> IpcResult<Acted> {
    write_as(&store, &session, |w, actor| acts::act_as(w, actor, &matter, event))
}

/// 汇总梳理: groups of similar matters not yet assigned, across stations, each with the reason it is a group.
#[tauri::command]
#[specta::specta]
pub async fn matter_similar(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    filter: SimilarFilter,
) -> IpcResult<Vec<SimilarGroup>> {
    require_session(&session)?;
    Ok(workflow::similar(lock(&store)?.conn(), &filter)?)
}

/// 并案: merges `others` into the lead matter, all or none; a refusal names the matter and the reason.
#[tauri::command]
#[specta::specta]
pub async fn matter_merge(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
    lead: String,
    others: Vec<String>,
) -> IpcResult<MergeOutcome> {
    write_as(&store, &session, |w, actor| workflow::merge_as(w, actor, &lead, &others))
}

/// The handling units (承办单位).
#[tauri::command]
#[specta::specta]
pub async fn handling_units(
    store: State<'_, StoreState>,
    session: State<'_, SessionState>,
) -> IpcResult<Vec<UnitView>> {
    require_session(&session)?;
    Ok(units::list(lock(&store)?.conn())?)
}
