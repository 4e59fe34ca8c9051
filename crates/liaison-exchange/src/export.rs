//! Exporting: the next bundle for one peer, cut by the core ([`liaison_core::sync::outgoing`]: what the peer has
//! not acknowledged, or everything on request), serialized, sealed (compressed, encrypted to the peer, signed by
//! this node) and written into a folder the clerk picked. All of it happens inside the write that numbers the
//! bundle: if the file cannot be written, the transaction rolls back and the number is not used up, so the
//! office never sees a gap for a file that never existed. The file is written under a temporary name and renamed
//! when complete, so a half-written bundle is never picked up from a shared folder.

use std::path::{Path, PathBuf};

use liaison_core::sync::{self, Direction, PeerRole, PeerStatus, peers};
use liaison_core::{Error, Result, Store};
use liaison_sync::{Draft, NodeKeys, SeqRange, seal};
use serde::Serialize;

use crate::identity::{peer_keys, public_keys};
use crate::{BUNDLE_EXTENSION, app_version, format_error};

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exported {
    /// The bundle file.
    pub path: PathBuf,
    /// Its number on this link (1, 2, …).
    pub bundle: u64,
    /// The peer it is for.
    pub to: String,
    /// The station it concerns.
    pub station: String,
    /// Changes it carries.
    pub changes: u64,
    /// The file's size in bytes.
    pub bytes: u64,
}

/// Writes the next bundle for the peer with node id `to` into `dir` (`full`: the whole history, not only what
/// the peer has not acknowledged), as `operator`.
pub fn export_to(
    store: &mut Store,
    keys: &NodeKeys,
    operator: &str,
    to: &str,
    full: bool,
    dir: &Path,
) -> Result<Exported> {
    let own = peer_keys(&keys.public());
    let created_at_ms = store.deps().clock.now().timestamp_millis();
    store.write(operator, |w| {
        let peer = peers::lookup(w.tx(), to)?
            .filter(|p| p.status == PeerStatus::Pinned)
            .ok_or_else(|| Error::NotFound(format!("没有已登记的同步对象 {to}")))?;
        let recipient =
            public_keys(to, peer.keys.as_ref().ok_or_else(|| Error::Internal("a pinned peer without keys".into()))?)?;
        let sync::Outgoing { bundle, payload } = sync::outgoing(w, to, full, &own)?;
        let station = peer.station_code.clone().unwrap_or_default();
        let draft = Draft {
            station: station.clone(),
            direction: match payload.direction {
                Direction::Up => liaison_sync::Direction::Upstream,
                Direction::Down => liaison_sync::Direction::Downstream,
            },
            stream_seq: bundle,
            changes: SeqRange { start: seq(payload.from_seq) + 1, end: seq(payload.to_seq) + 1 },
            created_at_ms,
            app_version: app_version(),
        };
        let body = serde_json::to_vec(&payload).map_err(|e| Error::Internal(format!("payload: {e}")))?;
        let sealed = seal(&draft, &body, keys, &recipient, &[]).map_err(format_error)?;
        let path = dir.join(file_name(&station, peer.role, bundle, keys.node_id()));
        write_whole(&path, &sealed)?;
        Ok(Exported {
            path,
            bundle,
            to: to.to_owned(),
            station,
            changes: payload.changes.len() as u64,
            bytes: sealed.len() as u64,
        })
    })
}

/// Exports to this node's office (a station's 导出给机关).
pub fn export_to_office(
    store: &mut Store,
    keys: &NodeKeys,
    operator: &str,
    full: bool,
    dir: &Path,
) -> Result<Exported> {
    let office = peers::list(store.conn())?
        .into_iter()
        .find(|p| p.role == PeerRole::Office && p.status == PeerStatus::Pinned)
        .and_then(|p| p.node_id)
        .ok_or_else(|| Error::NotFound("本机尚未登记到机关：请先导入机关发来的登记文件".into()))?;
    export_to(store, keys, operator, &office, full, dir)
}

fn seq(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// `XH-03-上报-0007-0194a2b3.lzb`: the station, the way it travels, the bundle number and the sender's node (a
/// re-enrolled station starts numbering again), so files from many stations can share one folder.
fn file_name(station: &str, peer: PeerRole, bundle: u64, sender: &str) -> String {
    let way = match peer {
        PeerRole::Office => "上报",
        PeerRole::Station => "下发",
    };
    let station = if station.is_empty() { "机关" } else { station };
    let node: String = sender.chars().filter(char::is_ascii_alphanumeric).take(8).collect();
    format!("{station}-{way}-{bundle:04}-{node}.{BUNDLE_EXTENSION}")
}

/// Writes `bytes` to a temporary name beside `path` and renames it into place, so nobody reads half a file.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.part"));
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| Error::Io { path, source }
    };
    std::fs::write(&temp, bytes).map_err(io(&temp))?;
    std::fs::rename(&temp, path).map_err(|source| {
        let _ = std::fs::remove_file(&temp);
        Error::Io { path: path.to_owned(), source }
    })
}
