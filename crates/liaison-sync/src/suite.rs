//! Cipher suites: which signature, encryption and compression a bundle uses, named by a 16-bit id in the
//! envelope.
//!
//! Suite 1 is the default: Ed25519 signatures (ed25519-dalek, `verify_strict`), age v1 encryption to X25519
//! recipients, zstd compression before encryption. A second suite on the national commercial-cryptography
//! algorithms (SM2 signatures, SM3 hashing, SM4 encryption) would be id 2: a new variant here, its own key pair
//! in the node's keys, and its own signature length — the envelope already length-prefixes the signature and the
//! ciphertext, so the container does not change. Readers without it refuse such bundles as
//! [`Error::UnsupportedSuite`].

use std::io::{Read, Write};

use ed25519_dalek::Signature;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::keys::{NodeKeys, NodePublicKeys};

/// zstd's default level: change logs are repetitive text, so higher levels buy little for the time.
const ZSTD_LEVEL: i32 = 3;
/// Largest zstd window a payload may ask the decoder for (2^27 = 128 MiB, zstd's own default limit), stated here
/// so a crafted frame cannot make the decoder allocate more whatever the library's default becomes.
const ZSTD_WINDOW_LOG_MAX: u32 = 27;

/// A cipher suite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Suite {
    /// Suite 1: Ed25519 + age (X25519, ChaCha20-Poly1305) + zstd.
    Ed25519AgeX25519Zstd,
}

impl Suite {
    /// The suite new bundles are sealed with.
    pub const DEFAULT: Suite = Suite::Ed25519AgeX25519Zstd;

    /// The id written in the envelope.
    pub fn id(self) -> u16 {
        match self {
            Suite::Ed25519AgeX25519Zstd => 1,
        }
    }

    /// The suite with envelope id `id`.
    pub fn from_id(id: u16) -> Result<Self> {
        match id {
            1 => Ok(Suite::Ed25519AgeX25519Zstd),
            other => Err(Error::UnsupportedSuite(other)),
        }
    }

    /// The exact length of this suite's signature.
    pub(crate) fn signature_len(self) -> usize {
        match self {
            Suite::Ed25519AgeX25519Zstd => Signature::BYTE_SIZE,
        }
    }

    /// The sender's signature over `message`.
    pub(crate) fn sign(self, sender: &NodeKeys, message: &[u8]) -> Vec<u8> {
        match self {
            Suite::Ed25519AgeX25519Zstd => sender.sign(message).to_bytes().to_vec(),
        }
    }

    /// Checks `signature` over `message` by `sender`. Strict: no small-order keys, no non-canonical signatures,
    /// so one message has one valid signature per key and a changed byte never still verifies.
    pub(crate) fn verify(self, sender: &NodePublicKeys, message: &[u8], signature: &[u8]) -> Result<()> {
        match self {
            Suite::Ed25519AgeX25519Zstd => {
                let signature = Signature::from_slice(signature).map_err(|_| Error::BadSignature)?;
                sender.verifying_key().verify_strict(message, &signature).map_err(|_| Error::BadSignature)
            }
        }
    }

    /// The payload compressed, then encrypted to every node in `to`.
    pub(crate) fn encrypt(self, payload: &[u8], to: &[&NodePublicKeys]) -> Result<Vec<u8>> {
        match self {
            Suite::Ed25519AgeX25519Zstd => {
                let fail = |e: &dyn std::fmt::Display| Error::Invalid(format!("加密失败：{e}"));
                let compressed = zstd::bulk::compress(payload, ZSTD_LEVEL).map_err(|e| fail(&e))?;
                let recipients = to.iter().map(|node| node.recipient() as &dyn age::Recipient);
                let encryptor = age::Encryptor::with_recipients(recipients).map_err(|e| fail(&e))?;
                let mut out = Vec::with_capacity(compressed.len() + 200 * to.len());
                let mut writer = encryptor.wrap_output(&mut out).map_err(|e| fail(&e))?;
                writer.write_all(&compressed).map_err(|e| fail(&e))?;
                writer.finish().map_err(|e| fail(&e))?;
                Ok(out)
            }
        }
    }

    /// The payload decrypted with `me`'s key and decompressed, refused as [`Error::TooLarge`] past `limit` bytes
    /// (read as a stream, so a decompression bomb costs at most `limit` bytes of memory).
    pub(crate) fn decrypt(self, ciphertext: &[u8], me: &NodeKeys, limit: usize) -> Result<Vec<u8>> {
        match self {
            Suite::Ed25519AgeX25519Zstd => {
                let decryptor = age::Decryptor::new_buffered(ciphertext).map_err(|_| Error::Undecryptable)?;
                let plain = decryptor
                    .decrypt(std::iter::once(me.identity() as &dyn age::Identity))
                    .map_err(|_| Error::Undecryptable)?;
                let corrupt = |_| Error::Corrupt("内容解密或解压失败");
                let mut decoder = zstd::stream::read::Decoder::new(plain).map_err(corrupt)?;
                decoder.window_log_max(ZSTD_WINDOW_LOG_MAX).map_err(corrupt)?;
                let mut out = Vec::new();
                let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
                decoder.take(cap).read_to_end(&mut out).map_err(corrupt)?;
                if out.len() > limit {
                    return Err(Error::TooLarge { what: "内容", limit: limit as u64 });
                }
                Ok(out)
            }
        }
    }
}
