//! Deputies' photos: decoded, centre-cropped to the 3:4 portrait of an ID photo, resized to 300 × 400 and stored
//! once as JPEG in `blobs` under its SHA-256. The deputy's `photo_sha256` field names it, so the change log carries
//! a hash rather than the bytes (sync ships blobs separately) and the same photo imported twice changes nothing.

use image::imageops::FilterType;
use image::{DynamicImage, GenericImageView, ImageFormat};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::id_by_code;
use crate::changelog::{EntityKind, Fields, Op};
use crate::error::{Error, Result};
use crate::store::Writer;

/// The stored photo size (3:4, enough for a 300-dpi card photo of 25 × 33 mm).
pub const PHOTO_SIZE: (u32, u32) = (300, 400);

/// The largest photo file accepted.
pub const MAX_PHOTO_BYTES: usize = 15 * 1024 * 1024;

/// Normalises `bytes` (JPEG or PNG) to the stored form: cropped, resized, JPEG.
pub fn normalize(bytes: &[u8]) -> Result<Vec<u8>> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(Error::Invalid(format!("照片文件过大（{} MB），请小于 15 MB", bytes.len() / 1024 / 1024)));
    }
    let format =
        image::guess_format(bytes).map_err(|_| Error::Invalid("照片格式无法识别，请使用 JPG 或 PNG".into()))?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png) {
        return Err(Error::Invalid("照片格式应为 JPG 或 PNG".into()));
    }
    let img =
        image::load_from_memory_with_format(bytes, format).map_err(|e| Error::Invalid(format!("照片无法读取：{e}")))?;
    let (w, h) = img.dimensions();
    let (tw, th) = PHOTO_SIZE;
    // the largest 3:4 window, centred horizontally, a little above centre vertically (faces sit high)
    let (cw, ch) =
        if u64::from(w) * u64::from(th) > u64::from(h) * u64::from(tw) { (h * tw / th, h) } else { (w, w * th / tw) };
    if cw == 0 || ch == 0 {
        return Err(Error::Invalid("照片尺寸为零".into()));
    }
    let x = (w - cw) / 2;
    let y = ((h - ch) / 3).min(h - ch);
    let portrait = img.crop_imm(x, y, cw, ch).resize_exact(tw, th, FilterType::Lanczos3);
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(portrait.to_rgb8())
        .write_to(&mut out, ImageFormat::Jpeg)
        .map_err(|e| Error::Internal(format!("encoding the photo: {e}")))?;
    Ok(out.into_inner())
}

/// Stores a photo for the deputy with this number and returns its hash.
pub fn set_photo(w: &mut Writer<'_>, deputy_code: &str, bytes: &[u8]) -> Result<String> {
    let id = id_by_code(w.tx(), EntityKind::Deputy, deputy_code)?
        .ok_or_else(|| Error::NotFound(format!("代表编号 {deputy_code} 不存在")))?;
    let jpeg = normalize(bytes)?;
    let hash = format!("{:x}", Sha256::digest(&jpeg));
    w.tx().execute(
        "INSERT OR IGNORE INTO blobs (sha256, mime, bytes) VALUES (?1, 'image/jpeg', ?2)",
        rusqlite::params![hash, jpeg],
    )?;
    let current: Option<String> =
        w.tx().query_row("SELECT photo_sha256 FROM deputies WHERE id = ?1", [&id], |r| r.get(0))?;
    if current.as_deref() != Some(hash.as_str()) {
        let mut fields = Fields::new();
        fields.insert("photo_sha256".into(), json!(hash));
        w.change(EntityKind::Deputy, &id, Op::Update, fields)?;
    }
    Ok(hash)
}

/// The stored JPEG of the deputy with this number.
pub fn photo(conn: &rusqlite::Connection, deputy_code: &str) -> Result<Option<Vec<u8>>> {
    Ok(rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT b.bytes FROM deputies d JOIN blobs b ON b.sha256 = d.photo_sha256 WHERE d.code = ?1",
        [deputy_code],
        |r| r.get(0),
    ))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{small_roster, temp_store};

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_landscape_photo_is_cropped_to_a_portrait_and_stored_once() {
        let mut t = temp_store();
        small_roster(&mut t.store);
        let bytes = png(1200, 800);
        let hash = t.store.write("tester", |w| set_photo(w, "D000001", &bytes)).unwrap();
        let stored = photo(t.store.conn(), "D000001").unwrap().unwrap();
        let img = image::load_from_memory(&stored).unwrap();
        assert_eq!(img.dimensions(), PHOTO_SIZE);
        assert_eq!(image::guess_format(&stored).unwrap(), ImageFormat::Jpeg);
        let changes: i64 = t.store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap();
        let again = t.store.write("tester", |w| set_photo(w, "D000001", &bytes)).unwrap();
        assert_eq!(again, hash);
        let after: i64 = t.store.conn().query_row("SELECT COUNT(*) FROM change_log", [], |r| r.get(0)).unwrap();
        assert_eq!(after, changes, "the same photo twice records nothing");
    }

    #[test]
    fn bad_photos_are_refused_in_chinese() {
        let mut t = temp_store();
        small_roster(&mut t.store);
        let err = t.store.write("tester", |w| set_photo(w, "D000001", b"not an image")).unwrap_err();
        assert!(err.to_string().contains("照片格式"), "{err}");
        let err = t.store.write("tester", |w| set_photo(w, "D999999", &png(10, 10))).unwrap_err();
        assert!(err.to_string().contains("不存在"), "{err}");
    }
}
