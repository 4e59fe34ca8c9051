//! A node's key pairs: [`NodeKeys`] (private, kept in the app-data folder) and [`NodePublicKeys`] (what other
//! nodes pin), with short [`KeyId`]s that bundle headers name.
//!
//! Two pairs, because the issue's default suite uses two primitives: Ed25519 (ed25519-dalek) signs, age's X25519
//! identity decrypts. age authenticates no sender, so the signature is what proves who wrote a bundle.
//!
//! [`NodeKeys`] derives nothing — no `Debug`, `Clone` or `Serialize` — so it cannot be printed, copied or sent by
//! accident; both secrets are wiped on drop (ed25519-dalek's and x25519-dalek's `zeroize` features, on by
//! default), and the text they pass through on the way to and from disk is held in `Zeroizing` buffers. Files:
//! see [`crate::key_files`].

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::header::check_name;

/// A short public-key id: the first 8 bytes of SHA-256 of the key's canonical encoding (an Ed25519 key's 32
/// bytes; an age recipient's `age1…` text). Shown as 16 hex digits. Short enough to read over the phone when
/// pinning a node, long enough that two keys of one node never collide by chance.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(pub [u8; 8]);

impl KeyId {
    /// The id of a key whose canonical encoding is `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        let digest = Sha256::digest(bytes);
        let mut id = [0u8; 8];
        id.copy_from_slice(&digest[..8]);
        KeyId(id)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

impl FromStr for KeyId {
    type Err = &'static str;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut id = [0u8; 8];
        hex::decode_to_slice(s, &mut id).map_err(|_| "key id is not 16 hex digits")?;
        Ok(KeyId(id))
    }
}

/// This installation's private keys. Deliberately without `Debug`, `Clone` or `Serialize`; these fail to
/// compile, and the doc tests keep it so:
///
/// ```compile_fail
/// fn printable<T: std::fmt::Debug>() {}
/// printable::<liaison_sync::NodeKeys>();
/// ```
/// ```compile_fail
/// fn copyable<T: Clone>() {}
/// copyable::<liaison_sync::NodeKeys>();
/// ```
/// ```compile_fail
/// fn sendable<T: serde::Serialize>() {}
/// sendable::<liaison_sync::NodeKeys>();
/// ```
pub struct NodeKeys {
    node_id: String,
    signing: SigningKey,
    encryption: age::x25519::Identity,
}

impl NodeKeys {
    /// Fresh keys for node `node_id` from the operating system's random generator.
    pub fn generate(node_id: &str) -> Result<Self> {
        check_name("节点编号", node_id).map_err(Error::Invalid)?;
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut()).map_err(|e| Error::Random(e.to_string()))?;
        // age draws its X25519 secret from the same OS generator (rand's OsRng).
        Ok(NodeKeys {
            node_id: node_id.to_owned(),
            signing: SigningKey::from_bytes(&seed),
            encryption: age::x25519::Identity::generate(),
        })
    }

    /// Keys from their parts (the key file reader's constructor).
    pub(crate) fn from_parts(node_id: String, seed: &[u8; 32], encryption: age::x25519::Identity) -> Self {
        NodeKeys { node_id, signing: SigningKey::from_bytes(seed), encryption }
    }

    /// The node these keys belong to.
    pub fn node_id(&self) -> &str {
        &self.node_id
    }

    /// What other nodes pin to verify our bundles and encrypt to us.
    pub fn public(&self) -> NodePublicKeys {
        NodePublicKeys {
            node_id: self.node_id.clone(),
            signing: self.signing.verifying_key(),
            encryption: self.encryption.to_public(),
        }
    }

    /// The Ed25519 signature of `message`.
    pub(crate) fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }

    /// The age identity that decrypts bundles sent to us.
    pub(crate) fn identity(&self) -> &age::x25519::Identity {
        &self.encryption
    }

    /// The secret parts as text, for the key file writer only: the signing seed in hex and the age secret key.
    pub(crate) fn secret_texts(&self) -> (Zeroizing<String>, Zeroizing<String>) {
        use age::secrecy::ExposeSecret;
        let seed = Zeroizing::new(self.signing.to_bytes());
        let age_secret = self.encryption.to_string();
        (Zeroizing::new(hex::encode(seed.as_slice())), Zeroizing::new(age_secret.expose_secret().to_owned()))
    }
}

/// A node's public keys, as pinned by the nodes it syncs with. Serialized as JSON with the keys as text:
/// `{"node_id": "…", "signing_key": "<64 hex digits>", "encryption_key": "age1…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PublicKeysText", into = "PublicKeysText")]
pub struct NodePublicKeys {
    node_id: String,
    signing: VerifyingKey,
    encryption: age::x25519::Recipient,
}

impl NodePublicKeys {
    /// The node.
    pub fn node_id(&self) -> &str {
        &self.node_id
    }

    /// The id of the signing key (what a bundle's header names for its sender).
    pub fn signing_key_id(&self) -> KeyId {
        KeyId::of(self.signing.as_bytes())
    }

    /// The id of the encryption key (what a bundle's header names for its recipient and readers).
    pub fn encryption_key_id(&self) -> KeyId {
        KeyId::of(self.encryption.to_string().as_bytes())
    }

    /// The JSON text, as written to `sync-node.pub.json` and handed to the nodes that enrol us.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("public keys always serialize")
    }

    /// Keys from their JSON text; weak (small-order) signing keys are refused, since anyone could sign for them.
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::Invalid(format!("公钥格式不对：{e}")))
    }

    pub(crate) fn verifying_key(&self) -> &VerifyingKey {
        &self.signing
    }

    pub(crate) fn recipient(&self) -> &age::x25519::Recipient {
        &self.encryption
    }
}

/// The serialized form of [`NodePublicKeys`]: keys as text, checked on the way in.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicKeysText {
    node_id: String,
    signing_key: String,
    encryption_key: String,
}

impl From<NodePublicKeys> for PublicKeysText {
    fn from(keys: NodePublicKeys) -> Self {
        PublicKeysText {
            node_id: keys.node_id,
            signing_key: hex::encode(keys.signing.as_bytes()),
            encryption_key: keys.encryption.to_string(),
        }
    }
}

impl TryFrom<PublicKeysText> for NodePublicKeys {
    type Error = String;

    fn try_from(text: PublicKeysText) -> Result<Self, String> {
        check_name("节点编号", &text.node_id)?;
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(&text.signing_key, &mut bytes).map_err(|_| "签名公钥应为 64 位十六进制".to_owned())?;
        let signing = VerifyingKey::from_bytes(&bytes).map_err(|_| "签名公钥无效".to_owned())?;
        if signing.is_weak() {
            return Err("签名公钥无效（弱密钥）".into());
        }
        let encryption =
            age::x25519::Recipient::from_str(&text.encryption_key).map_err(|e| format!("加密公钥无效：{e}"))?;
        Ok(NodePublicKeys { node_id: text.node_id, signing, encryption })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_keys_round_trip_through_json_and_ids_are_stable() {
        let keys = NodeKeys::generate("node-a").unwrap();
        let public = keys.public();
        let back = NodePublicKeys::from_json(&public.to_json()).unwrap();
        assert_eq!(back, public);
        assert_eq!(back.signing_key_id(), public.signing_key_id());
        assert_ne!(public.signing_key_id(), public.encryption_key_id());
        assert_eq!(public.signing_key_id().to_string().len(), 16);
        assert_eq!(public.signing_key_id().to_string().parse::<KeyId>().unwrap(), public.signing_key_id());
    }

    #[test]
    fn two_generated_nodes_have_different_keys() {
        let a = NodeKeys::generate("a").unwrap().public();
        let b = NodeKeys::generate("a").unwrap().public();
        assert_ne!(a.signing_key_id(), b.signing_key_id());
        assert_ne!(a.encryption_key_id(), b.encryption_key_id());
    }

    #[test]
    fn a_weak_signing_key_or_a_bad_node_id_is_refused() {
        let public = NodeKeys::generate("node-a").unwrap().public();
        let identity_point = format!("01{}", "00".repeat(31));
        let json = public.to_json().replace(&hex::encode(public.verifying_key().as_bytes()), &identity_point);
        assert!(NodePublicKeys::from_json(&json).is_err());
        let json = public.to_json().replace("node-a", "");
        assert!(NodePublicKeys::from_json(&json).is_err());
    }
}
