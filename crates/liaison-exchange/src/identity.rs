//! This node's sync identity: its Ed25519 signing key and age encryption key, made once (on first use) in the
//! `<database>.sync-keys/` folder beside the database, readable only by the OS user, and never replaced — a station's keys
//! are pinned by its office, so new keys mean re-enrolling.
//!
//! The peers table stores a peer's public keys as opaque text ([`PeerKeys`]); here they are converted to and from
//! the format's [`NodePublicKeys`], so the two crates need not know each other.

use std::path::PathBuf;

use liaison_core::sync::PeerKeys;
use liaison_core::{Error, Result, Store};
use liaison_sync::{NodeKeys, NodePublicKeys};

use crate::format_error;

/// The name of the folder beside the database that holds this node's sync keys (`<database>.sync-keys/`).
pub const KEYS_DIR: &str = "sync-keys";

/// Where `store`'s sync keys live.
pub fn keys_dir(store: &Store) -> PathBuf {
    store.own_dir(KEYS_DIR)
}

/// This node's keys: loaded, or made and saved on first use. Keys saved for another node id (a database copied
/// next to another's keys) are refused rather than used.
pub fn load_or_create(store: &Store) -> Result<NodeKeys> {
    let dir = keys_dir(store);
    let keys = if dir.join(liaison_sync::key_files::PRIVATE_KEY_FILE).exists() {
        NodeKeys::load(&dir).map_err(format_error)?
    } else {
        let keys = NodeKeys::generate(store.node_id()).map_err(format_error)?;
        keys.save(&dir).map_err(format_error)?;
        keys
    };
    if keys.node_id() != store.node_id() {
        return Err(Error::Conflict(format!(
            "{} 中的同步密钥属于节点 {}，不是本数据库的节点 {}",
            dir.display(),
            keys.node_id(),
            store.node_id()
        )));
    }
    Ok(keys)
}

/// The peers table's form of public keys: the signing key (hex), the age recipient and the signing key's id.
pub fn peer_keys(public: &NodePublicKeys) -> PeerKeys {
    let json: serde_json::Value = serde_json::from_str(&public.to_json()).expect("public keys are JSON");
    let text = |field: &str| json[field].as_str().unwrap_or_default().to_owned();
    PeerKeys {
        signing_key: text("signing_key"),
        encryption_recipient: text("encryption_key"),
        key_id: public.signing_key_id().to_string(),
    }
}

/// The format's public keys of node `node_id` from the peers table's form; refused when they do not parse or the
/// stored key id does not match the key.
pub fn public_keys(node_id: &str, keys: &PeerKeys) -> Result<NodePublicKeys> {
    let json = serde_json::json!({
        "node_id": node_id,
        "signing_key": keys.signing_key,
        "encryption_key": keys.encryption_recipient,
    });
    let public = NodePublicKeys::from_json(&json.to_string()).map_err(format_error)?;
    if !keys.key_id.is_empty() && public.signing_key_id().to_string() != keys.key_id {
        return Err(Error::Invalid(format!("节点 {node_id} 的密钥编号与密钥不符")));
    }
    Ok(public)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_made_once_and_their_public_half_converts_both_ways() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let first = load_or_create(&store).unwrap();
        let again = load_or_create(&store).unwrap();
        assert_eq!(first.public(), again.public(), "loaded, not made again");
        assert_eq!(first.node_id(), store.node_id());
        let stored = peer_keys(&first.public());
        assert_eq!(public_keys(store.node_id(), &stored).unwrap(), first.public());
        let forged = PeerKeys { key_id: "0011223344556677".into(), ..stored };
        assert!(public_keys(store.node_id(), &forged).is_err(), "a key id that does not match the key");
    }

    #[test]
    fn another_databases_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = Store::open(&dir.path().join("a.db")).unwrap();
        let b = Store::open(&dir.path().join("b.db")).unwrap();
        let (ka, kb) = (load_or_create(&a).unwrap(), load_or_create(&b).unwrap());
        assert_ne!(ka.public(), kb.public(), "two databases in one folder keep their own keys");
        drop((a, b));
        std::fs::remove_dir_all(dir.path().join("b.sync-keys")).unwrap();
        std::fs::rename(dir.path().join("a.sync-keys"), dir.path().join("b.sync-keys")).unwrap();
        let b = Store::open(&dir.path().join("b.db")).unwrap();
        let err = load_or_create(&b).map(drop).unwrap_err();
        assert!(matches!(err, Error::Conflict(_)), "{err}");
    }
}
