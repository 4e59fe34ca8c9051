//! What this installation's QR codes carry (二维码设置): the URL templates of the city's online channel for deputies
//! and for platforms, the office's public key that tells a genuine signed code from a forged one, and the font
//! file an administrator picked for printing (rare characters in names may need one the system lacks).
//!
//! Stored in the `settings` table under `qr.*` keys, like [`crate::setup`]: local to the installation, never
//! synced (the office hands them to stations with its setup), every change audited (`qr_settings_save`), and
//! changed only by an administrator once operators exist.
//!
//! The templates are validated here, not by the printing crate, so no screen or command can store one that would
//! print codes a phone cannot open. Until the office sets its own, [`load`] answers with example templates on a
//! reserved-looking host (`rd.example.gov.cn`) and says so ([`QrSettings::is_example`]): a code printed from them
//! opens nothing, which is better than a code pointing at a guessed real address.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::operators::permit::authorize;
use crate::operators::{Role, Session, account};
use crate::setup::AUDIT_ENTITY;
use crate::store::Writer;

const KEY_DEPUTY_TEMPLATE: &str = "qr.deputy_url_template";
const KEY_STATION_TEMPLATE: &str = "qr.station_url_template";
const KEY_PUBLIC_KEY: &str = "qr.office_public_key";
const KEY_FONT_FILE: &str = "qr.font_file";

/// The deputy template placeholder: the deputy's number (代表编号), stable for the deputy's whole service.
pub const DEPUTY_PLACEHOLDER: &str = "{deputy_code}";
/// The platform template placeholder: the platform's code (联络站编码), used for every kind of platform.
pub const STATION_PLACEHOLDER: &str = "{station_code}";

/// Example templates, shown and used until the office sets its own (see [`QrSettings::is_example`]).
pub const EXAMPLE_DEPUTY_TEMPLATE: &str = "https://rd.example.gov.cn/d/{deputy_code}";
/// Example platform template.
pub const EXAMPLE_STATION_TEMPLATE: &str = "https://rd.example.gov.cn/s/{station_code}";

/// A template's longest length: the URL plus a signature must still fit a small code on a CR80 card.
const MAX_TEMPLATE_LEN: usize = 200;

/// The office public key as stored: 32 bytes in unpadded base64url (43 characters).
const PUBLIC_KEY_LEN: usize = 43;

/// The QR settings of this installation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ipc", derive(specta::Type))]
pub struct QrSettings {
    /// URL template for deputies, with exactly one `{deputy_code}`.
    pub deputy_template: String,
    /// URL template for platforms, with exactly one `{station_code}`.
    pub station_template: String,
    /// The office's Ed25519 public key (unpadded base64url of 32 bytes), when the office has handed it over.
    pub office_public_key: Option<String>,
    /// The font file an administrator picked for printing (used before the system's CJK fonts), if any.
    pub font_file: Option<String>,
}

impl QrSettings {
    /// Whether either template is still the example: codes printed now would open nothing real.
    pub fn is_example(&self) -> bool {
        self.deputy_template == EXAMPLE_DEPUTY_TEMPLATE || self.station_template == EXAMPLE_STATION_TEMPLATE
    }
}

/// The saved settings, the example templates where none is saved.
pub fn load(conn: &Connection) -> Result<QrSettings> {
    let get = |key: &str| -> Result<Option<String>> {
        Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    };
    Ok(QrSettings {
        deputy_template: get(KEY_DEPUTY_TEMPLATE)?.unwrap_or_else(|| EXAMPLE_DEPUTY_TEMPLATE.to_owned()),
        station_template: get(KEY_STATION_TEMPLATE)?.unwrap_or_else(|| EXAMPLE_STATION_TEMPLATE.to_owned()),
        office_public_key: get(KEY_PUBLIC_KEY)?,
        font_file: get(KEY_FONT_FILE)?,
    })
}

/// Sets the URL templates (either may be left as it is with `None`); returns the settings as saved.
pub fn set_templates(
    w: &mut Writer<'_>,
    actor: Option<&Session>,
    deputy: Option<&str>,
    station: Option<&str>,
) -> Result<QrSettings> {
    may_change(w, actor)?;
    let deputy = deputy.map(|t| validate_template(t, DEPUTY_PLACEHOLDER)).transpose()?;
    let station = station.map(|t| validate_template(t, STATION_PLACEHOLDER)).transpose()?;
    if let Some(t) = &deputy {
        put(w, KEY_DEPUTY_TEMPLATE, t)?;
    }
    if let Some(t) = &station {
        put(w, KEY_STATION_TEMPLATE, t)?;
    }
    let saved = load(w.tx())?;
    let detail =
        serde_json::json!({ "deputy_template": saved.deputy_template, "station_template": saved.station_template });
    w.audit_local("qr_settings_save", AUDIT_ENTITY, "qr.templates", &detail.to_string())?;
    Ok(saved)
}

/// Records the office's public key (unpadded base64url of the 32-byte Ed25519 key), as `liaison qr keygen` and
/// the office setup hand it over. Only its shape is checked here: the core knows no curve arithmetic.
pub fn set_office_public_key(w: &mut Writer<'_>, actor: Option<&Session>, key: &str) -> Result<QrSettings> {
    may_change(w, actor)?;
    let key = key.trim();
    let base64url = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if key.len() != PUBLIC_KEY_LEN || !key.chars().all(base64url) {
        return Err(Error::Invalid(format!("机关公钥格式不对：应为 {PUBLIC_KEY_LEN} 个字符的 base64url 文本")));
    }
    put(w, KEY_PUBLIC_KEY, key)?;
    w.audit_local("qr_settings_save", AUDIT_ENTITY, "qr.office_public_key", key)?;
    load(w.tx())
}

/// Sets (or, with `None`, clears) the font file printing uses first. The caller has checked that the file is a
/// usable CJK font (the core reads no fonts); here only that it exists, so a typo is not stored.
pub fn set_font_file(w: &mut Writer<'_>, actor: Option<&Session>, path: Option<&str>) -> Result<QrSettings> {
    may_change(w, actor)?;
    match path.map(str::trim).filter(|p| !p.is_empty()) {
        Some(path) => {
            if !std::path::Path::new(path).is_file() {
                return Err(Error::Invalid(format!("字体文件不存在：{path}")));
            }
            put(w, KEY_FONT_FILE, path)?;
        }
        None => {
            w.tx().execute("DELETE FROM settings WHERE key = ?1", [KEY_FONT_FILE])?;
        }
    }
    w.audit_local("qr_settings_save", AUDIT_ENTITY, KEY_FONT_FILE, path.unwrap_or(""))?;
    load(w.tx())
}

/// Checks a URL template: http or https, a host, exactly one `placeholder` after the host and no other braces, no
/// spaces or fragment (a phone's browser drops what follows `#`, and spaces break scanners' URL detection).
/// Returns it trimmed. Messages are Chinese: they reach the office clerk who typed the template.
pub fn validate_template(template: &str, placeholder: &str) -> Result<String> {
    let t = template.trim();
    let bad = |why: &str| Error::Invalid(format!("二维码网址模板“{t}”无效：{why}"));
    if t.chars().count() > MAX_TEMPLATE_LEN {
        return Err(bad(&format!("不能超过 {MAX_TEMPLATE_LEN} 个字符")));
    }
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .ok_or_else(|| bad("须以 https:// 或 http:// 开头"))?;
    if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("不能含空格"));
    }
    if t.contains('#') {
        return Err(bad("不能含 #"));
    }
    if t.matches(placeholder).count() != 1 {
        return Err(bad(&format!("须恰好含一个 {placeholder}")));
    }
    if t.replacen(placeholder, "", 1).contains(['{', '}']) {
        return Err(bad(&format!("除 {placeholder} 外不能含花括号")));
    }
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    if host.is_empty() || host.contains(placeholder) || host.contains('{') {
        return Err(bad("须有主机名，且编码不能放在主机名里"));
    }
    Ok(t.to_owned())
}

fn may_change(w: &mut Writer<'_>, actor: Option<&Session>) -> Result<()> {
    match actor {
        Some(session) => authorize(w, session, Role::may_change_setup, "只有管理员可以修改二维码设置").map(drop),
        None if account::any_exists(w.tx())? => {
            Err(Error::Forbidden("已有操作员，修改二维码设置须由管理员登录".into()))
        }
        None => Ok(()),
    }
}

fn put(w: &mut Writer<'_>, key: &str, value: &str) -> Result<()> {
    w.tx().execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
        [key, value],
    )?;
    Ok(())
}
