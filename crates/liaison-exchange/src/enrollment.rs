//! The enrollment file (`.lze`): how a station learns whom to sync with, and how the office will know its first
//! bundle. The office writes one per station — the station's code, the office's node id and public keys, and a
//! one-time secret (the office keeps only its hash) — and hands it over in person or by a trusted channel: it is
//! the only thing that vouches for the station's keys, so it is written readable by its owner only. The station
//! accepts it in setup; its bundles then carry its public keys and the secret (encrypted to the office) until the
//! office has pinned them ([`liaison_core::sync::peers`]). A new PC is an explicit re-enrollment that revokes
//! the old keys.

use std::io::Write;
use std::path::Path;

use liaison_core::operators::Session;
use liaison_core::sync::peers;
use liaison_core::{Error, Result, Store};
use liaison_sync::{NodeKeys, NodePublicKeys};
use serde::{Deserialize, Serialize};

use crate::identity::peer_keys;

/// What the file says it is: a file of another kind or a newer version is refused by name.
pub const FORMAT: &str = "liaison-desk enrollment v1";

/// The file's extension.
pub const EXTENSION: &str = "lze";

/// An enrollment file's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollmentFile {
    /// [`FORMAT`].
    pub format: String,
    /// The station being enrolled.
    pub station_code: String,
    /// The office: its node id and public keys.
    pub office: NodePublicKeys,
    /// The one-time secret the station's first bundles prove.
    pub secret: String,
    /// When the office made it (RFC 3339).
    pub created_at: String,
}

/// Office: enrolls `station_code` (or, with `reenroll`, revokes its current keys and enrolls it again) and
/// returns the file's content.
pub fn create(
    store: &mut Store,
    session: &Session,
    office: &NodeKeys,
    station_code: &str,
    reenroll: bool,
) -> Result<EnrollmentFile> {
    let enrollment = store.write(&session.operator(), |w| {
        if reenroll {
            peers::reenroll_as(w, session, station_code)
        } else {
            peers::create_enrollment_as(w, session, station_code)
        }
    })?;
    Ok(EnrollmentFile {
        format: FORMAT.to_owned(),
        station_code: enrollment.station_code,
        office: office.public(),
        secret: enrollment.secret,
        created_at: store.deps().clock.now().to_rfc3339(),
    })
}

/// Writes the file (mode 0600 on Unix: it holds the secret), refusing to overwrite one.
pub fn write(file: &EnrollmentFile, path: &Path) -> Result<()> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(path).map_err(io)?;
    let text = serde_json::to_string_pretty(file).map_err(|e| Error::Internal(e.to_string()))?;
    out.write_all(text.as_bytes()).and_then(|()| out.sync_all()).map_err(io)
}

/// Reads an enrollment file, refusing anything else with a clear message.
pub fn read(path: &Path) -> Result<EnrollmentFile> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
    let file: EnrollmentFile = serde_json::from_str(&text)
        .map_err(|e| Error::Invalid(format!("{} 不是联络站工作台的登记文件：{e}", path.display())))?;
    if file.format != FORMAT {
        return Err(Error::Invalid(format!("登记文件版本“{}”不受支持，请升级联络站工作台", file.format)));
    }
    Ok(file)
}

/// Station: accepts the office's enrollment file. The file must be for this station (its setup's code), and the
/// office becomes this node's pinned office.
pub fn accept(store: &mut Store, session: &Session, file: &EnrollmentFile) -> Result<()> {
    let setup = liaison_core::setup::load(store.conn())?;
    let ours = setup.as_ref().and_then(|s| s.station_code.as_deref());
    if let Some(ours) = ours
        && ours != file.station_code
    {
        return Err(Error::Invalid(format!("该登记文件是给联络站 {} 的，本机是联络站 {ours}", file.station_code)));
    }
    let keys = peer_keys(&file.office);
    store.write(&session.operator(), |w| {
        peers::record_office_as(w, session, file.office.node_id(), &keys, &file.station_code, &file.secret)
    })
}
