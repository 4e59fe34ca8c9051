//! The clear header of a bundle: who sent it to whom, for which station, which part of the sender's change
//! stream, when, by which app version, with which keys — and its exact v1 byte layout.
//!
//! Why a fixed binary layout and not JSON: the header is signed as the bytes on disk, and a reader must never
//! act on a meaning the signer did not sign. JSON allows many texts for one value (key order, whitespace,
//! escapes, duplicate keys whose winner depends on the parser, unknown keys). Here every field has exactly one
//! encoding, in one order, with no optional or unknown fields and no trailing bytes, so `decode` then `encode`
//! gives back the same bytes (property-tested), and two readers cannot disagree on what was signed.
//!
//! Why no "optional fields ignored by older readers": an older app that skipped a field it does not know would
//! accept a bundle whose signed meaning it does not understand (say, "only apply after …"). So a new field is a
//! new format version, which older apps refuse as [`Error::NewerFormat`]. What the county relay needs is already
//! here: `readers` (nodes besides the recipient that the payload is also encrypted to, such as a county office
//! reading its stations' bundles) and the route fields a relay forwards by without decrypting.

use std::fmt;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::keys::KeyId;
use crate::wire::{Put, Reader};

/// Longest node id or station code in bytes (node ids are UUIDs, 36 bytes).
pub const MAX_NAME_LEN: usize = 64;
/// Most extra readers a bundle may name (a county office, the city's archive …).
pub const MAX_READERS: usize = 8;

/// A node named in a header, with the id of the key used for it (the sender's signing key; the recipient's and
/// readers' encryption keys).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeRef {
    /// The node id (the `node` table's id: a UUID).
    pub node_id: String,
    /// The key of that node the bundle was made with.
    #[serde(serialize_with = "key_id_text")]
    pub key_id: KeyId,
}

fn key_id_text<S: serde::Serializer>(id: &KeyId, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(id)
}

/// Which way a bundle travels in the station → county → city tree. Named by direction rather than by roles so
/// that a county office, upstream of its stations and downstream of the city, needs no new kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Toward the office: station → office (or county).
    Upstream = 1,
    /// Toward the stations: office → station.
    Downstream = 2,
}

/// The sender's change sequence numbers a bundle carries, `start..end` (end excluded). An empty range
/// (`start == end`) is a bundle of acknowledgements only; its `start` still says "everything before was sent".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SeqRange {
    /// The first sequence number carried.
    pub start: u64,
    /// One past the last sequence number carried.
    pub end: u64,
}

/// The version of the app that wrote a bundle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct AppVersion {
    /// Major.
    pub major: u16,
    /// Minor.
    pub minor: u16,
    /// Patch.
    pub patch: u16,
}

impl AppVersion {
    /// A version from its parts.
    pub const fn new(major: u16, minor: u16, patch: u16) -> Self {
        AppVersion { major, minor, patch }
    }

    /// A version from `major.minor.patch` text (`env!("CARGO_PKG_VERSION")`; a pre-release suffix is ignored).
    pub fn parse(text: &str) -> Option<Self> {
        let core = text.split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|p| p.parse::<u16>().ok());
        let version = AppVersion::new(parts.next()??, parts.next()??, parts.next()??);
        parts.next().is_none().then_some(version)
    }

    /// Whether a bundle written by `self` may carry changes a reader at `reader` does not understand. Patch
    /// releases never change what a change record means; a minor or major release may.
    pub fn is_newer_release_than(self, reader: AppVersion) -> bool {
        (self.major, self.minor) > (reader.major, reader.minor)
    }
}

impl fmt::Display for AppVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The clear (unencrypted, signed) header of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// The node that wrote and signed the bundle, with its signing key id.
    pub sender: NodeRef,
    /// The node the bundle is for (the one that applies it), with its encryption key id.
    pub recipient: NodeRef,
    /// Other nodes the payload is also encrypted to, with their encryption key ids (e.g. the county office over a
    /// station's bundle for the city). Distinct, none of them the recipient.
    pub readers: Vec<NodeRef>,
    /// The station the bundle's changes belong to.
    pub station: String,
    /// Upstream or downstream.
    pub direction: Direction,
    /// The bundle's number in the sender → recipient stream, from 1: gaps and replays show up without decrypting.
    pub stream_seq: u64,
    /// The sender's change sequence numbers carried.
    pub changes: SeqRange,
    /// When the bundle was made, milliseconds since the Unix epoch (UTC).
    pub created_at_ms: i64,
    /// The app version that wrote it.
    pub app_version: AppVersion,
}

/// Checks a node id or station code: 1 to [`MAX_NAME_LEN`] bytes of UTF-8 without control characters (they
/// would let a header display as something it is not). Returns a Chinese reason.
pub(crate) fn check_name(what: &str, name: &str) -> std::result::Result<(), String> {
    if name.is_empty() || name.len() > MAX_NAME_LEN {
        return Err(format!("{what}长度应为 1 到 {MAX_NAME_LEN} 字节"));
    }
    if name.chars().any(char::is_control) {
        return Err(format!("{what}含有控制字符"));
    }
    Ok(())
}

impl Header {
    /// Every rule a header obeys, checked before sealing and after decoding: one place, so a bundle this crate
    /// writes is one it reads.
    pub(crate) fn validate(&self) -> std::result::Result<(), String> {
        check_name("发送节点编号", &self.sender.node_id)?;
        check_name("收件节点编号", &self.recipient.node_id)?;
        if self.sender.node_id == self.recipient.node_id {
            return Err("发送节点与收件节点相同".into());
        }
        check_name("联络站编码", &self.station)?;
        if self.readers.len() > MAX_READERS {
            return Err(format!("抄送节点不能超过 {MAX_READERS} 个"));
        }
        for (i, reader) in self.readers.iter().enumerate() {
            check_name("抄送节点编号", &reader.node_id)?;
            if reader.node_id == self.recipient.node_id || self.readers[..i].iter().any(|r| r.node_id == reader.node_id)
            {
                return Err("抄送节点重复或与收件节点相同".into());
            }
        }
        if self.stream_seq == 0 {
            return Err("同步包序号从 1 开始".into());
        }
        if self.changes.start > self.changes.end {
            return Err("变更序号范围的起点大于终点".into());
        }
        Ok(())
    }

    /// The v1 bytes (see the crate docs for the table).
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256);
        put_node(&mut out, &self.sender);
        put_node(&mut out, &self.recipient);
        out.push(u8::try_from(self.readers.len()).expect("readers are checked to be few"));
        for reader in &self.readers {
            put_node(&mut out, reader);
        }
        out.put_str8(&self.station);
        out.push(self.direction as u8);
        out.extend_from_slice(&self.stream_seq.to_be_bytes());
        out.extend_from_slice(&self.changes.start.to_be_bytes());
        out.extend_from_slice(&self.changes.end.to_be_bytes());
        out.extend_from_slice(&self.created_at_ms.to_be_bytes());
        for part in [self.app_version.major, self.app_version.minor, self.app_version.patch] {
            out.extend_from_slice(&part.to_be_bytes());
        }
        out
    }

    /// A header from exactly `bytes` (the header section of a v1 bundle). Running out of bytes inside the
    /// section is corruption, not truncation: the section's length was declared and is all there.
    pub(crate) fn decode(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::new(bytes);
        let header = read_fields(&mut r).map_err(|e| match e {
            Error::Truncated => Error::Corrupt("头部字段不完整"),
            other => other,
        })?;
        if r.remaining() != 0 {
            return Err(Error::Corrupt("头部末尾有多余字节"));
        }
        header.validate().map_err(|_| Error::Corrupt("头部字段无效"))?;
        Ok(header)
    }
}

fn put_node(out: &mut Vec<u8>, node: &NodeRef) {
    out.put_str8(&node.node_id);
    out.extend_from_slice(&node.key_id.0);
}

fn read_node(r: &mut Reader<'_>) -> Result<NodeRef> {
    Ok(NodeRef { node_id: r.str8()?.to_owned(), key_id: KeyId(r.array()?) })
}

fn read_fields(r: &mut Reader<'_>) -> Result<Header> {
    let sender = read_node(r)?;
    let recipient = read_node(r)?;
    let count = usize::from(r.u8()?);
    if count > MAX_READERS {
        return Err(Error::Corrupt("抄送节点过多"));
    }
    let readers = (0..count).map(|_| read_node(r)).collect::<Result<Vec<_>>>()?;
    let station = r.str8()?.to_owned();
    let direction = match r.u8()? {
        1 => Direction::Upstream,
        2 => Direction::Downstream,
        _ => return Err(Error::Corrupt("未知的同步方向")),
    };
    Ok(Header {
        sender,
        recipient,
        readers,
        station,
        direction,
        stream_seq: r.u64()?,
        changes: SeqRange { start: r.u64()?, end: r.u64()? },
        created_at_ms: r.i64()?,
        app_version: AppVersion::new(r.u16()?, r.u16()?, r.u16()?),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn sample() -> Header {
        Header {
            sender: NodeRef { node_id: "station-node".into(), key_id: KeyId([1; 8]) },
            recipient: NodeRef { node_id: "office-node".into(), key_id: KeyId([2; 8]) },
            readers: vec![NodeRef { node_id: "county-node".into(), key_id: KeyId([3; 8]) }],
            station: "ZD0101".into(),
            direction: Direction::Upstream,
            stream_seq: 7,
            changes: SeqRange { start: 100, end: 150 },
            created_at_ms: 1_780_000_000_000,
            app_version: AppVersion::new(0, 1, 0),
        }
    }

    #[test]
    fn encode_then_decode_gives_the_header_back() {
        let header = sample();
        let bytes = header.encode();
        assert_eq!(Header::decode(&bytes).unwrap(), header);
    }

    #[test]
    fn trailing_missing_or_invalid_fields_are_corrupt() {
        let bytes = sample().encode();
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(Header::decode(&longer), Err(Error::Corrupt(_))));
        assert!(matches!(Header::decode(&bytes[..bytes.len() - 1]), Err(Error::Corrupt(_))));
        let mut empty_range_backwards = sample();
        empty_range_backwards.changes = SeqRange { start: 5, end: 4 };
        assert!(matches!(Header::decode(&empty_range_backwards.encode()), Err(Error::Corrupt(_))));
    }

    #[test]
    fn readers_must_be_distinct_from_each_other_and_the_recipient() {
        let mut header = sample();
        header.readers.push(header.recipient.clone());
        assert!(header.validate().is_err());
        let mut header = sample();
        header.readers.push(header.readers[0].clone());
        assert!(header.validate().is_err());
    }

    #[test]
    fn app_versions_parse_and_only_minor_releases_count_as_newer() {
        assert_eq!(AppVersion::parse("1.2.3"), Some(AppVersion::new(1, 2, 3)));
        assert_eq!(AppVersion::parse("1.2.3-rc.1"), Some(AppVersion::new(1, 2, 3)));
        assert_eq!(AppVersion::parse("1.2"), None);
        assert_eq!(AppVersion::parse("1.2.3.4"), None);
        assert!(AppVersion::new(1, 3, 0).is_newer_release_than(AppVersion::new(1, 2, 9)));
        assert!(!AppVersion::new(1, 2, 9).is_newer_release_than(AppVersion::new(1, 2, 0)));
    }

    fn name() -> impl Strategy<Value = String> {
        "[a-z0-9-]{1,40}|[联络站代表]{1,10}"
    }

    fn node() -> impl Strategy<Value = NodeRef> {
        (name(), any::<[u8; 8]>()).prop_map(|(node_id, key)| NodeRef { node_id, key_id: KeyId(key) })
    }

    fn header() -> impl Strategy<Value = Header> {
        let fields = (node(), node(), proptest::collection::vec(node(), 0..3), name(), any::<bool>());
        let numbers = (1..u64::MAX, any::<u64>(), any::<u64>(), any::<i64>(), any::<(u16, u16, u16)>());
        (fields, numbers).prop_map(|((sender, recipient, readers, station, up), (seq, a, b, at, (x, y, z)))| Header {
            sender,
            recipient,
            readers,
            station,
            direction: if up { Direction::Upstream } else { Direction::Downstream },
            stream_seq: seq,
            changes: SeqRange { start: a.min(b), end: a.max(b) },
            created_at_ms: at,
            app_version: AppVersion::new(x, y, z),
        })
    }

    proptest! {
        #[test]
        fn any_valid_header_round_trips(header in header()) {
            prop_assume!(header.validate().is_ok());
            prop_assert_eq!(Header::decode(&header.encode()).unwrap(), header);
        }

        /// Canonical bytes: whatever edited bytes still decode, encode back to exactly those bytes, so no two
        /// byte strings carry the same header.
        #[test]
        fn decodable_bytes_are_the_only_encoding_of_their_header(
            header in header(),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        ) {
            let mut bytes = header.encode();
            for (at, value) in edits {
                let i = at.index(bytes.len());
                bytes[i] = value;
            }
            if let Ok(decoded) = Header::decode(&bytes) {
                prop_assert_eq!(decoded.encode(), bytes);
            }
        }
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("x", "").is_err());
        assert!(check_name("x", &"a".repeat(65)).is_err());
        assert!(check_name("x", "a\nb").is_err());
        assert!(check_name("x", "联络站").is_ok());
    }
}
