//! Fonts for printed Chinese: a CJK font found on the system (or the file the user picked in 设置), fallbacks for
//! rare characters in names (生僻字: CJK Extension B and beyond, which the common fonts lack), and text split into
//! runs by which font covers each character.
//!
//! krilla does no font fallback of its own, so every string goes through [`FontSet::shape`]: each character is
//! drawn with the first font that has a glyph for it. A character that no font has is an error naming the
//! character and whose card it is on ([`FontError::Missing`]) — a printed card never shows a blank box.
//!
//! Shaping is one glyph per character with the font's horizontal advance (`hmtx`): right for Chinese, digits and
//! the short Latin of addresses; the widths [`Shaped::width`] reports are exactly what is drawn, so wrapping never
//! overflows a box.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use krilla::text::{Font, GlyphId, KrillaGlyph};

/// Families tried, in order, for the main font: Linux (Noto/Source Han, WenQuanYi, UOS/Kylin's defaults),
/// Windows (Microsoft YaHei, DengXian, SimHei, SimSun), macOS (PingFang, Heiti).
pub const PRIMARY_FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "思源黑体",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "微软雅黑",
    "DengXian",
    "SimHei",
    "SimSun",
    "PingFang SC",
    "Heiti SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "AR PL UMing CN",
];

/// Families tried, in order, for characters the main font lacks: fonts with CJK Extension B and beyond first
/// (HanaMin, BabelStone Han, SimSun-ExtB/ExtG, MingLiU-ExtB, 天珩/全字库), then the other CJK fonts, whose coverage
/// differs a little from the main font's.
pub const FALLBACK_FAMILIES: &[&str] = &[
    "HanaMinB",
    "HanaMinA",
    "Hanazono Mincho",
    "BabelStone Han",
    "SimSun-ExtB",
    "SimSun-ExtG",
    "MingLiU-ExtB",
    "TH-Tshyn-P0",
    "TH-Tshyn-P1",
    "TH-Tshyn-P2",
    "TW-Sung-Plus",
    "TW-Kai-Plus",
    "Plangothic P1",
    "Plangothic P2",
    "Noto Serif CJK SC",
    "Noto Sans CJK TC",
    "Noto Serif CJK TC",
    "Source Han Serif SC",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
    "SimSun",
    "Microsoft YaHei",
];

/// Why text cannot be printed.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    /// No Chinese font on this computer and none picked.
    #[error(
        "未找到中文字体，无法打印：请安装思源黑体（Noto Sans CJK SC）、文泉驿或微软雅黑，或在设置中选择一个中文字体文件"
    )]
    NoCjkFont,
    /// The font file the user picked cannot be used.
    #[error("字体文件 {path} 无法使用：{reason}")]
    Unusable {
        /// The file.
        path: String,
        /// What is wrong, in Chinese.
        reason: String,
    },
    /// A character no installed font has.
    #[error("“{ch}”（U+{code:04X}{who}）在已安装的字体中都没有，无法打印；请在设置中选择包含该字的字体", code = u32::from(*.ch), who = .whose.as_deref().map(|w| format!("，{w}")).unwrap_or_default())]
    Missing {
        /// The character.
        ch: char,
        /// Whose card or poster it is on, e.g. "代表 张𪚥".
        whose: Option<String>,
    },
}

impl FontError {
    /// The same error, saying whose card or poster the text is on (e.g. "代表 张𪚥"); kept if already set.
    pub fn on(self, whose: impl Into<String>) -> FontError {
        match self {
            FontError::Missing { ch, whose: None } => FontError::Missing { ch, whose: Some(whose.into()) },
            other => other,
        }
    }
}

/// Where the fonts come from.
#[derive(Debug, Clone, Default)]
pub struct FontChoice {
    /// A font file the user picked in 设置 (TTF/OTF/TTC; for a collection the first face). Used first.
    pub primary: Option<PathBuf>,
    /// Further files to try for rare characters, before the system's fallbacks.
    pub fallbacks: Vec<PathBuf>,
    /// Whether to look at the system's fonts at all (false in tests that want only the files above).
    pub no_system_fonts: bool,
}

/// One loaded face.
struct Face {
    /// A name for messages and tests ("Noto Sans CJK SC").
    family: String,
    data: Arc<Vec<u8>>,
    index: u32,
    font: Font,
    units_per_em: f32,
    ascender: f32,
}

impl Face {
    fn load(data: Arc<Vec<u8>>, index: u32, family: String) -> Option<Face> {
        let parsed = ttf_parser::Face::parse(&data, index).ok()?;
        let units_per_em = f32::from(parsed.units_per_em());
        let ascender = f32::from(parsed.ascender()) / units_per_em;
        let font = Font::new(data.clone().into(), index)?;
        Some(Face { family, data, index, font, units_per_em, ascender })
    }

    fn parsed(&self) -> ttf_parser::Face<'_> {
        ttf_parser::Face::parse(&self.data, self.index).expect("parsed when loaded")
    }
}

/// The fonts a document draws with: the main CJK font first, then fallbacks for characters it lacks.
pub struct FontSet {
    faces: Vec<Face>,
    /// Each character [`FontSet::cover`] has seen: its font, glyph and advance (em). Shaping a city's cards
    /// looks every character up here instead of parsing the fonts' tables again.
    glyphs: HashMap<char, (usize, GlyphId, f32)>,
    /// The system's fonts, searched for a character none of `faces` has ([`FontSet::cover`]).
    system: Option<fontdb::Database>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet").field("families", &self.families()).finish()
    }
}

/// A run of text drawn with one font.
#[derive(Debug, Clone)]
pub struct Run {
    /// Index of the font in the set.
    pub font: usize,
    /// The characters.
    pub text: String,
    /// One glyph per character, advances in em.
    pub glyphs: Vec<KrillaGlyph>,
    /// The run's width in em.
    pub width_em: f32,
}

/// Text split into runs, each with the font that covers it.
#[derive(Debug, Clone, Default)]
pub struct Shaped {
    /// The runs, in order.
    pub runs: Vec<Run>,
}

impl Shaped {
    /// The width at `size` (points).
    pub fn width(&self, size: f32) -> f32 {
        self.runs.iter().map(|r| r.width_em).sum::<f32>() * size
    }
}

impl FontSet {
    /// The fonts of this computer (and the files in `choice`).
    pub fn load(choice: &FontChoice) -> Result<FontSet, FontError> {
        let mut faces = Vec::new();
        if let Some(path) = &choice.primary {
            faces.push(load_file(path)?);
        }
        let system = if choice.no_system_fonts {
            None
        } else {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            Some(db)
        };
        if faces.is_empty()
            && let Some(db) = &system
            && let Some(face) = PRIMARY_FAMILIES.iter().find_map(|f| family_face(db, f))
        {
            faces.push(face);
        }
        if faces.is_empty() {
            return Err(FontError::NoCjkFont);
        }
        for path in &choice.fallbacks {
            faces.push(load_file(path)?);
        }
        if faces[0].parsed().glyph_index('中').is_none() {
            return Err(FontError::Unusable { path: faces[0].family.clone(), reason: "不含中文字形".into() });
        }
        Ok(FontSet { faces, glyphs: HashMap::new(), system })
    }

    /// The families in use, main font first.
    pub fn families(&self) -> Vec<&str> {
        self.faces.iter().map(|f| f.family.as_str()).collect()
    }

    /// The krilla font at `index`.
    pub fn font(&self, index: usize) -> &Font {
        &self.faces[index].font
    }

    /// The main font's ascender, in em (for placing the first baseline under a top edge).
    pub fn ascender(&self) -> f32 {
        self.faces[0].ascender
    }

    /// Makes sure every character of `text` has a font, adding a system font that has it when the set lacks
    /// one: the [`FALLBACK_FAMILIES`] in order, then any installed face. Fallbacks are loaded only when a
    /// character needs one (a CJK font is 10–30 MB). Call it for every text of a document before drawing; the
    /// error names the character and `whose`.
    pub fn cover(&mut self, text: &str, whose: &str) -> Result<(), FontError> {
        for ch in text.chars() {
            if ch.is_control() || self.glyphs.contains_key(&ch) {
                continue;
            }
            if let Some(found) = self.font_for(ch) {
                self.glyphs.insert(ch, found);
                continue;
            }
            let found = self.system.as_ref().and_then(|db| {
                FALLBACK_FAMILIES
                    .iter()
                    .filter(|family| !self.faces.iter().any(|f| f.family == **family))
                    .filter_map(|family| family_id(db, family).map(|id| (id, family)))
                    .find(|(id, _)| has_glyph(db, *id, ch))
                    .and_then(|(id, family)| load_db_face(db, id, (*family).to_owned()))
                    .or_else(|| any_face_with(db, ch, &self.faces))
            });
            match found {
                Some(face) => {
                    self.faces.push(face);
                    let found = self.font_for(ch).expect("the face just added has it");
                    self.glyphs.insert(ch, found);
                }
                None => return Err(FontError::Missing { ch, whose: Some(whose.to_owned()) }),
            }
        }
        Ok(())
    }

    fn font_for(&self, ch: char) -> Option<(usize, GlyphId, f32)> {
        self.faces.iter().enumerate().find_map(|(i, face)| {
            let parsed = face.parsed();
            let gid = parsed.glyph_index(ch)?;
            let advance = f32::from(parsed.glyph_hor_advance(gid).unwrap_or(0)) / face.units_per_em;
            Some((i, GlyphId::new(u32::from(gid.0)), advance))
        })
    }

    /// Splits `text` into runs by the font that covers each character (controls such as newlines are skipped).
    pub fn shape(&self, text: &str) -> Result<Shaped, FontError> {
        let mut runs: Vec<Run> = Vec::new();
        // Characters `cover` has not seen: each face parsed once per call rather than once per character.
        let mut parsed: Option<Vec<ttf_parser::Face<'_>>> = None;
        for ch in text.chars().filter(|c| !c.is_control()) {
            let (font, gid, advance) = match self.glyphs.get(&ch) {
                Some(found) => *found,
                None => parsed
                    .get_or_insert_with(|| self.faces.iter().map(Face::parsed).collect())
                    .iter()
                    .enumerate()
                    .find_map(|(i, p)| {
                        let gid = p.glyph_index(ch)?;
                        let advance = f32::from(p.glyph_hor_advance(gid).unwrap_or(0)) / self.faces[i].units_per_em;
                        Some((i, GlyphId::new(u32::from(gid.0)), advance))
                    })
                    .ok_or(FontError::Missing { ch, whose: None })?,
            };
            let run = match runs.last_mut() {
                Some(run) if run.font == font => run,
                _ => {
                    runs.push(Run { font, text: String::new(), glyphs: Vec::new(), width_em: 0.0 });
                    runs.last_mut().expect("just pushed")
                }
            };
            let start = run.text.len();
            run.text.push(ch);
            run.glyphs.push(KrillaGlyph::new(gid, advance, 0.0, 0.0, 0.0, start..run.text.len(), None));
            run.width_em += advance;
        }
        Ok(Shaped { runs })
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> Result<f32, FontError> {
        Ok(self.shape(text)?.width(size))
    }

    /// Breaks `text` into lines no wider than `max` points at `size`: Chinese may break between any two
    /// characters, Latin words and numbers stay whole when they fit, closing punctuation never starts a line and
    /// opening punctuation never ends one. Newlines in `text` start new lines.
    pub fn wrap(&self, text: &str, size: f32, max: f32) -> Result<Vec<String>, FontError> {
        let mut lines = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut width = 0.0;
            for unit in units(para) {
                let w = self.width(&unit, size)?;
                if width + w > max && !line.trim().is_empty() {
                    lines.push(line.trim_end().to_owned());
                    line = String::new();
                    width = 0.0;
                    let unit = unit.trim_start();
                    line.push_str(unit);
                    width += self.width(unit, size)?;
                    continue;
                }
                line.push_str(&unit);
                width += w;
            }
            if !line.trim().is_empty() || lines.is_empty() {
                lines.push(line.trim_end().to_owned());
            }
        }
        // A unit wider than the box (a long Latin word) is split by characters.
        let mut out = Vec::new();
        for line in lines {
            if self.width(&line, size)? <= max {
                out.push(line);
                continue;
            }
            let mut cur = String::new();
            for ch in line.chars() {
                let mut next = cur.clone();
                next.push(ch);
                if self.width(&next, size)? > max && !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    cur.push(ch);
                } else {
                    cur = next;
                }
            }
            out.push(cur);
        }
        Ok(out)
    }
}

const NO_LINE_START: &str = "，。、；：？！）》」』”’】〕…—,.;:?!)]%·";
const NO_LINE_END: &str = "（《「『“‘【〔([";

/// The unbreakable units of a paragraph: a CJK character (with the closing punctuation after it and the opening
/// punctuation before it), a Latin word or number, a space.
fn units(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending_open = String::new();
    for ch in text.chars() {
        let latin = ch.is_ascii_alphanumeric() || "-_@/.+#".contains(ch);
        let glue_to_prev = NO_LINE_START.contains(ch)
            || (latin
                && out.last().is_some_and(|u| {
                    u.chars().last().is_some_and(|c| c.is_ascii_alphanumeric() || "-_@/.+#".contains(c))
                }));
        if NO_LINE_END.contains(ch) {
            pending_open.push(ch);
            continue;
        }
        if glue_to_prev && pending_open.is_empty() && !out.is_empty() {
            out.last_mut().expect("not empty").push(ch);
        } else {
            let mut unit = std::mem::take(&mut pending_open);
            unit.push(ch);
            out.push(unit);
        }
    }
    if !pending_open.is_empty() {
        out.push(pending_open);
    }
    out
}

fn load_file(path: &Path) -> Result<Face, FontError> {
    let unusable = |reason: String| FontError::Unusable { path: path.display().to_string(), reason };
    let data = std::fs::read(path).map_err(|e| unusable(format!("无法读取（{e}）")))?;
    let data = Arc::new(data);
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Face::load(data, 0, name).ok_or_else(|| unusable("不是可用的 TrueType/OpenType 字体".into()))
}

/// The regular face of `family`, if installed.
fn family_face(db: &fontdb::Database, family: &str) -> Option<Face> {
    load_db_face(db, family_id(db, family)?, family.to_owned())
}

fn has_glyph(db: &fontdb::Database, id: fontdb::ID, ch: char) -> bool {
    db.with_face_data(id, |data, index| {
        ttf_parser::Face::parse(data, index).ok().and_then(|f| f.glyph_index(ch)).is_some()
    })
    .unwrap_or(false)
}

/// The id of `family`'s regular face, if installed.
fn family_id(db: &fontdb::Database, family: &str) -> Option<fontdb::ID> {
    let id = db.query(&fontdb::Query {
        families: &[fontdb::Family::Name(family)],
        weight: fontdb::Weight::NORMAL,
        stretch: fontdb::Stretch::Normal,
        style: fontdb::Style::Normal,
    })?;
    let info = db.face(id)?;
    // query() falls back to any family's face: only take what was asked for.
    info.families.iter().any(|(name, _)| name == family).then_some(id)
}

fn load_db_face(db: &fontdb::Database, id: fontdb::ID, family: String) -> Option<Face> {
    let (data, index) = db.with_face_data(id, |data, index| (data.to_vec(), index))?;
    Face::load(Arc::new(data), index, family)
}

/// Any installed face (regular preferred) with a glyph for `ch` that the set does not hold yet.
fn any_face_with(db: &fontdb::Database, ch: char, have: &[Face]) -> Option<Face> {
    let mut candidates: Vec<&fontdb::FaceInfo> = db
        .faces()
        .filter(|info| {
            let family = info.families.first().map(|(n, _)| n.as_str()).unwrap_or_default();
            !have.iter().any(|f| f.family == family)
        })
        .collect();
    candidates.sort_by_key(|info| (info.weight.0.abs_diff(400), info.style != fontdb::Style::Normal));
    let info = candidates.into_iter().find(|info| has_glyph(db, info.id, ch))?;
    let family = info.families.first().map(|(n, _)| n.clone()).unwrap_or_else(|| info.post_script_name.clone());
    load_db_face(db, info.id, family)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_keep_words_and_punctuation_together() {
        assert_eq!(units("联系电话：0375-1234567"), ["联", "系", "电", "话：", "0375-1234567"]);
        assert_eq!(units("（试点）站"), ["（试", "点）", "站"]);
    }

    #[test]
    fn the_missing_character_message_names_the_character_and_the_person() {
        let e = FontError::Missing { ch: '𪚥', whose: None }.on("代表 张𪚥");
        assert_eq!(
            e.to_string(),
            "“𪚥”（U+2A6A5，代表 张𪚥）在已安装的字体中都没有，无法打印；请在设置中选择包含该字的字体"
        );
    }
}
