//! Shared test fixtures: a station, its office, a county office and a stranger, each with fresh keys, and a
//! bundle from the station to the office.

use liaison_sync::{
    AppVersion, Direction, Draft, NodeKeys, ParsedBundle, PinnedKeys, Result, SeqRange, VerifiedBundle,
};

/// The app version the tests' readers run.
pub const APP: AppVersion = AppVersion::new(0, 1, 0);

/// Four nodes and the office's register, which has the station (and the county) enrolled.
pub struct World {
    pub station: NodeKeys,
    pub office: NodeKeys,
    pub county: NodeKeys,
    pub stranger: NodeKeys,
    pub office_register: PinnedKeys,
}

impl World {
    pub fn new() -> Self {
        let station = NodeKeys::generate("0193a0b2-station-0101").unwrap();
        let office = NodeKeys::generate("0193a0b2-city-office").unwrap();
        let county = NodeKeys::generate("0193a0b2-county-office").unwrap();
        let stranger = NodeKeys::generate("0193a0b2-stranger").unwrap();
        let mut office_register = PinnedKeys::new();
        office_register.pin(station.public()).pin(county.public());
        World { station, office, county, stranger, office_register }
    }

    /// A bundle from the station to the office carrying `payload`.
    pub fn upstream(&self, draft: &Draft, payload: &[u8]) -> Vec<u8> {
        liaison_sync::seal(draft, payload, &self.station, &self.office.public(), &[]).unwrap()
    }

    /// Parses and verifies `bytes` as the office does.
    pub fn office_verifies(&self, bytes: &[u8]) -> Result<VerifiedBundle> {
        ParsedBundle::parse(bytes)?.verify(&self.office.public(), &self.office_register, APP)
    }
}

/// A draft for station ZD0101's first bundle.
pub fn draft() -> Draft {
    Draft {
        station: "ZD0101".into(),
        direction: Direction::Upstream,
        stream_seq: 1,
        changes: SeqRange { start: 1, end: 4 },
        created_at_ms: 1_795_651_200_000,
        app_version: APP,
    }
}

/// The header length field's end: where the header starts.
pub const HEADER_START: usize = 16;

/// The declared header length of a bundle.
pub fn header_len(bytes: &[u8]) -> usize {
    u32::from_be_bytes(bytes[12..16].try_into().unwrap()) as usize
}
