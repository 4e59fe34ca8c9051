//! The v1 golden bundle read by hand from the table in the crate docs, with the primitives' own crates
//! (ed25519-dalek, age, zstd) and none of this crate's code: the documentation is the contract, and another
//! implementation (a county server, a future rewrite) could be written from it alone.

use std::str::FromStr;

use crate::golden::fixtures;

fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |n, b| n << 8 | u64::from(*b))
}

/// Walks the header as the table describes it.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn next(&mut self, n: usize) -> &'a [u8] {
        let field = &self.bytes[self.at..self.at + n];
        self.at += n;
        field
    }

    /// One length byte, then UTF-8.
    fn str8(&mut self) -> String {
        let n = usize::from(self.next(1)[0]);
        String::from_utf8(self.next(n).to_vec()).unwrap()
    }
}

fn json_field(text: &str, name: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    value[name].as_str().unwrap().to_owned()
}

#[test]
fn the_v1_golden_bundle_follows_the_documented_table() {
    let dir = fixtures().join("v1");
    let bytes = std::fs::read(dir.join("bundle.lzb")).unwrap();

    // Envelope.
    assert_eq!(&bytes[0..8], b"LZBUNDLE");
    assert_eq!(be(&bytes[8..10]), 1, "format version");
    assert_eq!(be(&bytes[10..12]), 1, "suite");
    let h = be(&bytes[12..16]) as usize;
    let header = &bytes[16..16 + h];
    let c = be(&bytes[16 + h..24 + h]) as usize;
    let ciphertext = &bytes[24 + h..24 + h + c];
    let s = be(&bytes[24 + h + c..26 + h + c]) as usize;
    assert_eq!(s, 64);
    assert_eq!(bytes.len(), 26 + h + c + s, "nothing follows the signature");
    let signature = &bytes[26 + h + c..];

    // Header, field by field.
    let mut cur = Cursor { bytes: header, at: 0 };
    let sender = cur.str8();
    let sender_key = cur.next(8).to_vec();
    let recipient = cur.str8();
    let recipient_key = cur.next(8).to_vec();
    assert_eq!(cur.next(1), [0], "no readers");
    let station = cur.str8();
    assert_eq!(cur.next(1), [1], "upstream");
    assert_eq!(be(cur.next(8)), 1, "stream sequence");
    assert_eq!((be(cur.next(8)), be(cur.next(8))), (1, 4), "change range");
    assert_eq!(be(cur.next(8)), 1_795_651_200_000, "created at");
    assert_eq!((be(cur.next(2)), be(cur.next(2)), be(cur.next(2))), (0, 1, 0), "app version");
    assert_eq!(cur.at, header.len(), "the header ends with the app version");
    assert_eq!(sender, "019ac0de-0000-7000-8000-000000000101");
    assert_eq!(recipient, "019ac0de-0000-7000-8000-0000000000c1");
    assert_eq!(station, "ZD0101");

    // Key ids: the first 8 bytes of SHA-256 of the key's canonical encoding.
    use sha2::Digest;
    let sender_pub = std::fs::read_to_string(dir.join("sender/sync-node.pub.json")).unwrap();
    let signing_key = hex::decode(json_field(&sender_pub, "signing_key")).unwrap();
    assert_eq!(sender_key, sha2::Sha256::digest(&signing_key)[..8]);
    let recipient_pub = std::fs::read_to_string(dir.join("recipient/sync-node.pub.json")).unwrap();
    let age_recipient = json_field(&recipient_pub, "encryption_key");
    assert_eq!(recipient_key, sha2::Sha256::digest(age_recipient.as_bytes())[..8]);

    // Signature: Ed25519 over the domain string and every byte before the signature.
    let key = ed25519_dalek::VerifyingKey::from_bytes(&signing_key.try_into().unwrap()).unwrap();
    let message = [b"liaison-desk sync bundle\0".as_slice(), &bytes[..26 + h + c]].concat();
    key.verify_strict(&message, &ed25519_dalek::Signature::from_slice(signature).unwrap()).unwrap();

    // Ciphertext: age v1 to the recipient's X25519 key, over a zstd frame of the payload.
    let key_file = std::fs::read_to_string(dir.join("recipient/sync-node.key")).unwrap();
    let age_secret = key_file.lines().find_map(|l| l.strip_prefix("encryption=")).unwrap();
    let identity = age::x25519::Identity::from_str(age_secret).unwrap();
    let compressed = age::decrypt(&identity, ciphertext).unwrap();
    let payload = zstd::decode_all(compressed.as_slice()).unwrap();
    assert_eq!(payload, std::fs::read(dir.join("payload.bin")).unwrap());
}
