//! The office's optional signature on a code, so a station (or anyone with the public key) can tell a genuine card
//! or poster from a forged one offline.
//!
//! Ed25519 (ed25519-dalek 2.2) over the kind, the code and a version — not over the host — so the message is the
//! identity the office vouches for. The signature is appended to the URL compactly:
//! `https://rd.pds.gov.cn/d/D000001?v=1&s=<86 characters of base64url>` (`&v=` when the template already has a
//! query). A phone simply opens the page (the server ignores or checks the parameters); [`verify`] checks it.
//!
//! The version lets the office withdraw a lost or forged batch by printing `v=2` and treating `v=1` as revoked
//! (the revocation list is a later step). Verification is strict everywhere a lenient reading would let two texts
//! carry the same signature: base64url without padding and with no stray trailing bits, a version in canonical
//! decimal, and `verify_strict` (no small-order keys, no non-canonical signatures). So changing any single
//! character of a signed text is rejected.
//!
//! Keys: [`OfficeKey`] holds the private key; it derives nothing (no `Debug`, `Clone`, `Serialize`), so it
//! cannot be printed, copied or sent by accident, and ed25519-dalek wipes it on drop (`zeroize`). On disk it is
//! `office.key` (the 32-byte seed in base64url, mode 0600) beside `office.pub`; a station gets only the public key.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use liaison_core::{Error, Result};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::payload::{self, Kind, Templates};

/// File name of the private key in the directory `liaison qr keygen --out` writes.
pub const PRIVATE_KEY_FILE: &str = "office.key";
/// File name of the public key beside it.
pub const PUBLIC_KEY_FILE: &str = "office.pub";

/// What the signed message starts with: a signature made for something else (another protocol using the same key
/// one day) can never be replayed as a code's signature.
const DOMAIN: &str = "liaison-desk qr v1";

/// The office's private signing key. Deliberately without `Debug`, `Clone` or `Serialize`.
pub struct OfficeKey {
    key: SigningKey,
}

impl OfficeKey {
    /// A fresh key from the operating system's random generator.
    pub fn generate() -> Result<Self> {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut()).map_err(|e| Error::Internal(format!("system random generator: {e}")))?;
        Ok(OfficeKey { key: SigningKey::from_bytes(&seed) })
    }

    /// The key from its text form (the 32-byte seed in unpadded base64url, surrounding whitespace ignored).
    pub fn from_text(text: &str) -> Result<Self> {
        let bytes =
            Zeroizing::new(URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| Error::Invalid("机关私钥格式不对".into()))?);
        let seed: &[u8; 32] =
            bytes.as_slice().try_into().map_err(|_| Error::Invalid("机关私钥长度不对（应为 32 字节）".into()))?;
        Ok(OfficeKey { key: SigningKey::from_bytes(seed) })
    }

    /// Reads `office.key` (or any file holding the text form).
    pub fn load(path: &Path) -> Result<Self> {
        let text = Zeroizing::new(read(path, "机关私钥")?);
        Self::from_text(&text)
    }

    /// The public key that verifies this key's signatures.
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.key.verifying_key())
    }

    /// Writes `office.key` (mode 0600 on Unix) and `office.pub` into `dir`, refusing to overwrite either: an office
    /// key overwritten by mistake would make every card printed with it unverifiable. Returns both paths.
    pub fn write_to(&self, dir: &Path) -> Result<(PathBuf, PathBuf)> {
        let private = dir.join(PRIVATE_KEY_FILE);
        let public = dir.join(PUBLIC_KEY_FILE);
        for path in [&private, &public] {
            if path.exists() {
                return Err(Error::Conflict(format!("{} 已存在，不会覆盖", path.display())));
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
        let text = Zeroizing::new(format!("{}\n", URL_SAFE_NO_PAD.encode(self.key.to_bytes())));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&private).map_err(|e| io_error(&private, &e))?;
        file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(|e| io_error(&private, &e))?;
        std::fs::write(&public, format!("{}\n", self.public_key().to_text())).map_err(|e| io_error(&public, &e))?;
        Ok((private, public))
    }

    /// The signature of `kind`/`code`/`version`, as unpadded base64url (86 characters).
    pub fn sign(&self, kind: Kind, code: &str, version: u32) -> String {
        URL_SAFE_NO_PAD.encode(self.key.sign(message(kind, code.trim(), version).as_bytes()).to_bytes())
    }

    /// The signed URL for `kind`/`code`: the template's URL followed by `?v=…&s=…` (or `&v=…` after a query).
    pub fn signed_url(&self, templates: &Templates, kind: Kind, code: &str, version: u32) -> Result<String> {
        if version == 0 {
            return Err(Error::Invalid("签名版本须从 1 开始".into()));
        }
        let url = templates.url(kind, code)?;
        let sep = if templates.template(kind).contains('?') { '&' } else { '?' };
        Ok(format!("{url}{sep}v={version}&s={}", self.sign(kind, code, version)))
    }
}

/// The office's public key: what a station holds to verify codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// The text form: 32 bytes in unpadded base64url (43 characters), as `office.pub` and the settings hold it.
    pub fn to_text(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.0.as_bytes())
    }

    /// The key from its text form; a weak (small-order) key is refused, since anyone could forge for it.
    pub fn from_text(text: &str) -> Result<Self> {
        let bad = || Error::Invalid("机关公钥格式不对".into());
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).map_err(|_| bad())?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| bad())?;
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| bad())?;
        if key.is_weak() {
            return Err(bad());
        }
        Ok(PublicKey(key))
    }

    /// Reads `office.pub`.
    pub fn load(path: &Path) -> Result<Self> {
        Self::from_text(&read(path, "机关公钥")?)
    }
}

/// How to sign the codes of a job (a batch zip, cards, posters, sheets): the office's key and the version printed
/// on these codes.
pub struct Signer<'a> {
    /// The office's private key.
    pub key: &'a OfficeKey,
    /// The signature version printed on these codes.
    pub version: u32,
}

/// The text the code of `kind`/`code` carries: the template's URL, signed when `signer` is given. Every output (the
/// zip, cards, posters, sheets) takes its payload from here, so a signed job signs every code the same way.
pub fn payload(templates: &Templates, kind: Kind, code: &str, signer: Option<&Signer<'_>>) -> Result<String> {
    match signer {
        Some(s) => s.key.signed_url(templates, kind, code, s.version),
        None => templates.url(kind, code),
    }
}

/// What a scanned text is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// Our code, signed by the office key: the card or poster is genuine.
    Genuine {
        /// Deputy or platform.
        kind: Kind,
        /// The deputy number or platform code.
        code: String,
        /// The signature version printed on it.
        version: u32,
    },
    /// Our URL with a signature that does not verify, or with anything else after it: altered or forged.
    Forged,
    /// Our URL without a signature: it may be genuine, but nothing proves it.
    Unsigned {
        /// Deputy or platform.
        kind: Kind,
        /// The deputy number or platform code.
        code: String,
    },
    /// Not a URL from this installation's templates.
    NotOurs,
}

impl Verdict {
    /// A line for people, in Chinese.
    pub fn label(&self) -> String {
        match self {
            Verdict::Genuine { kind, code, version } => {
                format!("真实：机关签名有效（{} {code}，版本 {version}）", kind_label(*kind))
            }
            Verdict::Forged => "伪造或被改动：签名无效".into(),
            Verdict::Unsigned { kind, code } => format!("未签名：{} {code}，无法确认真伪", kind_label(*kind)),
            Verdict::NotOurs => "不是本市代表联络二维码".into(),
        }
    }
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Deputy => "代表",
        Kind::Platform => "联络站点",
    }
}

/// Checks a scanned `text` against the templates and the office's public key.
pub fn verify(text: &str, templates: &Templates, key: &PublicKey) -> Verdict {
    let Some(parsed) = payload::parse(text, templates) else { return Verdict::NotOurs };
    if parsed.rest.is_empty() {
        return Verdict::Unsigned { kind: parsed.kind, code: parsed.code };
    }
    let sep = if templates.template(parsed.kind).contains('?') { '&' } else { '?' };
    let Some((version, signature)) = split_signature(parsed.rest, sep) else { return Verdict::Forged };
    let message = message(parsed.kind, &parsed.code, version);
    match key.0.verify_strict(message.as_bytes(), &signature) {
        Ok(()) => Verdict::Genuine { kind: parsed.kind, code: parsed.code, version },
        Err(_) => Verdict::Forged,
    }
}

/// `{sep}v=<version>&s=<signature>` exactly as [`OfficeKey::signed_url`] writes it, or `None`.
fn split_signature(rest: &str, sep: char) -> Option<(u32, Signature)> {
    let rest = rest.strip_prefix(sep)?.strip_prefix("v=")?;
    let (version, signature) = rest.split_once("&s=")?;
    // Canonical decimal only: "01" or "+1" would be a second text with the same signature.
    if version.is_empty() || version.starts_with('0') || !version.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let version: u32 = version.parse().ok()?;
    let bytes: [u8; 64] = URL_SAFE_NO_PAD.decode(signature).ok()?.try_into().ok()?;
    Some((version, Signature::from_bytes(&bytes)))
}

fn message(kind: Kind, code: &str, version: u32) -> String {
    format!("{DOMAIN}\n{}\n{code}\n{version}", kind.tag())
}

fn read(path: &Path, what: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::Invalid(format!("无法读取{what}文件 {}：{e}", path.display())))
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    Error::Invalid(format!("无法写入 {}：{e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use liaison_core::qr_settings::{EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE};

    fn templates() -> Templates {
        Templates::new(EXAMPLE_DEPUTY_TEMPLATE, EXAMPLE_STATION_TEMPLATE).unwrap()
    }

    fn key(byte: u8) -> OfficeKey {
        OfficeKey::from_text(&URL_SAFE_NO_PAD.encode([byte; 32])).unwrap()
    }

    #[test]
    fn a_genuine_code_verifies_and_is_compact() {
        let (t, k) = (templates(), key(7));
        let text = k.signed_url(&t, Kind::Deputy, "D000001", 1).unwrap();
        assert!(text.starts_with("https://rd.example.gov.cn/d/D000001?v=1&s="), "{text}");
        assert_eq!(text.len(), "https://rd.example.gov.cn/d/D000001?v=1&s=".len() + 86);
        let genuine = Verdict::Genuine { kind: Kind::Deputy, code: "D000001".into(), version: 1 };
        assert_eq!(verify(&text, &t, &k.public_key()), genuine);
        let station = k.signed_url(&t, Kind::Platform, "XH-01", 3).unwrap();
        assert!(matches!(verify(&station, &t, &k.public_key()), Verdict::Genuine { version: 3, .. }));
        let unsigned = t.url(Kind::Deputy, "D000001").unwrap();
        assert!(matches!(verify(&unsigned, &t, &k.public_key()), Verdict::Unsigned { .. }));
        assert_eq!(verify("https://example.com/x", &t, &k.public_key()), Verdict::NotOurs);
        assert!(k.signed_url(&t, Kind::Deputy, "D000001", 0).is_err());
    }

    #[test]
    fn changing_any_single_character_is_rejected() {
        let (t, k) = (templates(), key(7));
        let public = k.public_key();
        for (kind, code) in [(Kind::Deputy, "D000001"), (Kind::Platform, "XH-01")] {
            let text = k.signed_url(&t, kind, code, 1).unwrap();
            let chars: Vec<char> = text.chars().collect();
            for i in 0..chars.len() {
                // Several replacements per position: a neighbouring letter, a digit, a case flip, URL syntax.
                for replacement in ['A', 'B', 'a', '0', '1', '_', '-', '/', '?', '&'] {
                    if replacement == chars[i] {
                        continue;
                    }
                    let mut altered = chars.clone();
                    altered[i] = replacement;
                    let altered: String = altered.into_iter().collect();
                    let verdict = verify(&altered, &t, &public);
                    assert!(!matches!(verdict, Verdict::Genuine { .. }), "{altered} accepted");
                }
            }
            // Cutting or extending the text is rejected too.
            assert!(!matches!(verify(&text[..text.len() - 1], &t, &public), Verdict::Genuine { .. }));
            assert!(!matches!(verify(&format!("{text}A"), &t, &public), Verdict::Genuine { .. }));
            assert!(!matches!(verify(&text.replacen("v=1", "v=01", 1), &t, &public), Verdict::Genuine { .. }));
        }
    }

    #[test]
    fn a_code_signed_by_another_key_is_rejected() {
        let t = templates();
        let forged = key(9).signed_url(&t, Kind::Deputy, "D000001", 1).unwrap();
        assert_eq!(verify(&forged, &t, &key(7).public_key()), Verdict::Forged);
        let fresh = OfficeKey::generate().unwrap();
        assert_ne!(fresh.public_key(), key(7).public_key());
        let text = fresh.signed_url(&t, Kind::Platform, "XH-01", 1).unwrap();
        assert!(matches!(verify(&text, &t, &fresh.public_key()), Verdict::Genuine { .. }));
        assert_eq!(verify(&text, &t, &key(7).public_key()), Verdict::Forged);
    }

    #[test]
    fn keys_are_written_once_private_key_owner_only_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let k = OfficeKey::generate().unwrap();
        let (private, public) = k.write_to(dir.path()).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&private).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(OfficeKey::load(&private).unwrap().public_key(), k.public_key());
        assert_eq!(PublicKey::load(&public).unwrap(), k.public_key());
        assert!(matches!(k.write_to(dir.path()), Err(Error::Conflict(_))), "never overwrites a key");
        assert!(PublicKey::from_text("not a key").is_err());
        assert!(PublicKey::from_text(&URL_SAFE_NO_PAD.encode([0u8; 32])).is_err(), "weak key");
    }
}
