//! A chart's picture from the window: ECharts hands over `data:image/png;base64,…` (getDataURL); the file written
//! must be a PNG that opens, so the data URL is decoded here and the image checked before any byte reaches disk.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::error::{Error, Result};

/// The largest picture accepted (a 2× chart is a few hundred KiB).
const MAX_PNG_BYTES: usize = 20 * 1024 * 1024;

/// The PNG bytes of a `data:image/png;base64,` URL, refused unless they decode as a PNG image.
pub fn png_from_data_url(url: &str) -> Result<Vec<u8>> {
    let bad = || Error::Invalid("图片数据无效，请重新导出".to_owned());
    let encoded = url.trim().strip_prefix("data:image/png;base64,").ok_or_else(bad)?;
    if encoded.len() > MAX_PNG_BYTES / 3 * 4 + 4 {
        return Err(Error::Invalid("图片过大，无法导出".to_owned()));
    }
    let bytes = STANDARD.decode(encoded).map_err(|_| bad())?;
    image::load_from_memory_with_format(&bytes, image::ImageFormat::Png).map_err(|_| bad())?;
    Ok(bytes)
}
