//! The envelope: magic, versions, the length-prefixed sections and the signature — how a bundle's bytes are cut
//! into parts and put together, with every length checked against the limits before anything is allocated.
//! The byte-by-byte table is in the crate docs.

use std::ops::Range;

use crate::error::{Error, Result};
use crate::suite::Suite;
use crate::wire::Reader;

/// The first 8 bytes of every bundle file.
pub const MAGIC: [u8; 8] = *b"LZBUNDLE";
/// The format version this app writes.
pub const FORMAT_VERSION: u16 = 1;
/// The oldest format version this app still reads. Every version from here to [`FORMAT_VERSION`] has a golden
/// fixture under `tests/fixtures/sync/v<N>/`.
pub const OLDEST_READABLE_VERSION: u16 = 1;
/// Largest header section (a v1 header with the most readers is under 1 KiB).
pub const MAX_HEADER_LEN: usize = 16 * 1024;
/// Largest ciphertext section.
pub const MAX_CIPHERTEXT_LEN: usize = 256 * 1024 * 1024;
/// Largest payload, before compression when sealing and after decompression when opening.
pub const MAX_PAYLOAD_LEN: usize = 512 * 1024 * 1024;
/// Largest bundle file: the fixed fields, the largest sections and a signature.
pub const MAX_BUNDLE_LEN: usize = FIXED_LEN + MAX_HEADER_LEN + MAX_CIPHERTEXT_LEN + MAX_SIGNATURE_LEN;

/// What the signed message starts with, so a node's signature made for anything else can never pass as a
/// bundle's (and the reverse).
pub(crate) const SIGNING_DOMAIN: &[u8] = b"liaison-desk sync bundle\0";

/// Magic, version, suite, header length, ciphertext length, signature length.
const FIXED_LEN: usize = 8 + 2 + 2 + 4 + 8 + 2;
/// No suite's signature is longer (an SM2 signature in DER is at most 72 bytes).
const MAX_SIGNATURE_LEN: usize = 256;

/// Where a bundle's sections lie in its bytes; nothing in them checked but structure and limits. Offsets rather
/// than slices, so the parsed bundle keeps the file's bytes once, whatever its size.
pub(crate) struct Envelope {
    pub(crate) suite: Suite,
    pub(crate) header: Range<usize>,
    pub(crate) ciphertext: Range<usize>,
    /// The signature covers `bytes[..signed_end]`: the file up to and including the signature's length.
    pub(crate) signed_end: usize,
    pub(crate) signature: Range<usize>,
}

/// Cuts `bytes` into sections. Order matters for the messages: a newer format is reported before its (unknown)
/// layout could look corrupt, and a declared length over the limit before a short file looks truncated.
pub(crate) fn split(bytes: &[u8]) -> Result<Envelope> {
    if bytes.len() > MAX_BUNDLE_LEN {
        return Err(Error::TooLarge { what: "文件", limit: MAX_BUNDLE_LEN as u64 });
    }
    if bytes.len() < MAGIC.len() {
        return Err(if MAGIC.starts_with(bytes) { Error::Truncated } else { Error::NotABundle });
    }
    let mut r = Reader::new(bytes);
    if r.array::<8>()? != MAGIC {
        return Err(Error::NotABundle);
    }
    let version = r.u16()?;
    if version > FORMAT_VERSION {
        return Err(Error::NewerFormat(version));
    }
    if version < OLDEST_READABLE_VERSION {
        return Err(Error::UnsupportedVersion(version));
    }
    let suite = Suite::from_id(r.u16()?)?;
    let header_len = usize::try_from(r.u32()?).unwrap_or(usize::MAX);
    if header_len > MAX_HEADER_LEN {
        return Err(Error::TooLarge { what: "头部", limit: MAX_HEADER_LEN as u64 });
    }
    let header = section(&mut r, header_len)?;
    let ciphertext_len = usize::try_from(r.u64()?).unwrap_or(usize::MAX);
    if ciphertext_len > MAX_CIPHERTEXT_LEN {
        return Err(Error::TooLarge { what: "密文", limit: MAX_CIPHERTEXT_LEN as u64 });
    }
    let ciphertext = section(&mut r, ciphertext_len)?;
    let signature_len = usize::from(r.u16()?);
    if signature_len != suite.signature_len() {
        return Err(Error::Corrupt("签名长度与密码套件不符"));
    }
    let signed_end = r.position();
    let signature = section(&mut r, signature_len)?;
    if r.remaining() != 0 {
        return Err(Error::Corrupt("签名之后有多余字节"));
    }
    Ok(Envelope { suite, header, ciphertext, signed_end, signature })
}

/// Skips a section of `len` bytes and returns where it lies.
fn section(r: &mut Reader<'_>, len: usize) -> Result<Range<usize>> {
    let start = r.position();
    r.take(len)?;
    Ok(start..start + len)
}

/// The bytes the signature covers, for a header and a ciphertext already checked against the limits.
pub(crate) fn signed_part(suite: Suite, header: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(FIXED_LEN + header.len() + ciphertext.len() + suite.signature_len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_be_bytes());
    out.extend_from_slice(&suite.id().to_be_bytes());
    out.extend_from_slice(&u32::try_from(header.len()).expect("header checked against the limit").to_be_bytes());
    out.extend_from_slice(header);
    out.extend_from_slice(&(ciphertext.len() as u64).to_be_bytes());
    out.extend_from_slice(ciphertext);
    out.extend_from_slice(&u16::try_from(suite.signature_len()).expect("signatures are short").to_be_bytes());
    out
}

/// The message actually signed: the domain, then the signed part of the file.
pub(crate) fn signed_message(signed: &[u8]) -> Vec<u8> {
    [SIGNING_DOMAIN, signed].concat()
}
