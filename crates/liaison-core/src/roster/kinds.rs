//! The small closed vocabularies of the roster (levels, platform kinds, region kinds, star levels, gender), with
//! their stored names, their Chinese labels, and the loose forms real spreadsheets use ("市人大代表", "市级", "市").

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $stored:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ipc", derive(specta::Type))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name stored in the database and the change log.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $stored,)+ }
            }

            /// The Chinese label people read.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// The value with this stored name.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($stored => Some($name::$variant),)+ _ => None }
            }
        }
    };
}
// Other modules' closed vocabularies (duty kinds and statuses) are declared the same way.
pub(crate) use vocabulary;

vocabulary! {
    /// The five levels of people's congresses.
    Level {
        /// 全国人大
        National = "national", "全国";
        /// 省人大
        Province = "province", "省";
        /// 市人大
        City = "city", "市";
        /// 县（市、区）人大
        County = "county", "县";
        /// 乡镇人大
        Township = "township", "乡";
    }
}

vocabulary! {
    /// Kinds of platforms (三平台一基地 plus the smaller 联络点).
    PlatformKind {
        /// 代表联络站
        Station = "station", "代表联络站";
        /// 代表联络点
        Point = "point", "代表联络点";
        /// 立法联系点
        Legislative = "legislative", "立法联系点";
        /// 基层示范点
        Demonstration = "demonstration", "基层示范点";
        /// 实践基地
        Base = "base", "实践基地";
    }
}

vocabulary! {
    /// Kinds of regions.
    RegionKind {
        /// 市
        City = "city", "市";
        /// 区
        District = "district", "区";
        /// 县
        County = "county", "县";
        /// 县级市
        CountyCity = "county_city", "县级市";
        /// 功能区
        Zone = "zone", "功能区";
        /// 乡
        Township = "township", "乡";
        /// 镇
        Town = "town", "镇";
        /// 街道
        Subdistrict = "subdistrict", "街道";
    }
}

vocabulary! {
    /// A platform's star rating.
    StarLevel {
        /// no star
        None = "none", "无";
        /// 市级星级联络站
        City = "city", "市级星级";
        /// 省级星级联络站
        Province = "province", "省级星级";
    }
}

vocabulary! {
    /// Gender as recorded on the roster.
    Gender {
        /// 男
        Male = "male", "男";
        /// 女
        Female = "female", "女";
    }
}

impl Level {
    /// Reads the ways offices write a level: "市", "市级", "市人大代表", "平顶山市人大代表", "县（区）级",
    /// "区人大代表", "全国人大代表", "乡镇", "镇人大代表".
    pub fn parse_loose(raw: &str) -> Option<Level> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(l) = Level::ALL.iter().find(|l| l.as_str() == s.to_ascii_lowercase()) {
            return Some(*l);
        }
        let core =
            s.trim_end_matches("代表").trim_end_matches("人民代表大会").trim_end_matches("人大").trim_end_matches('级');
        if core.is_empty() {
            return None;
        }
        if core.contains("全国") {
            return Some(Level::National);
        }
        // Judge by the last administrative word: "平顶山市" is a city, "鲁山县" a county, "叶县城关镇" a township.
        let last = core.chars().last()?;
        match last {
            '省' => Some(Level::Province),
            '市' if core.chars().count() <= 1 || !core.contains('县') => Some(Level::City),
            '县' | '区' | '）' | ')' => Some(Level::County),
            '乡' | '镇' => Some(Level::Township),
            _ => None,
        }
    }
}

impl PlatformKind {
    /// Reads a written kind: the label itself or a short form ("联络站", "联络点", "立法点", "示范点", "基地").
    pub fn parse_loose(raw: &str) -> Option<PlatformKind> {
        let s = raw.trim();
        PlatformKind::parse(s).or_else(|| {
            [
                ("联络点", PlatformKind::Point),
                ("立法", PlatformKind::Legislative),
                ("示范", PlatformKind::Demonstration),
                ("基地", PlatformKind::Base),
                ("联络站", PlatformKind::Station),
                ("代表之家", PlatformKind::Station),
            ]
            .into_iter()
            .find(|(needle, _)| s.contains(needle))
            .map(|(_, k)| k)
        })
    }
}

impl StarLevel {
    /// Reads "市级", "市级星级联络站", "省级", "五星" (province), "无" / "" (none).
    pub fn parse_loose(raw: &str) -> Option<StarLevel> {
        let s = raw.trim();
        match s {
            "" | "无" | "否" | "-" | "—" => Some(StarLevel::None),
            _ if s.contains('省') => Some(StarLevel::Province),
            _ if s.contains('市') => Some(StarLevel::City),
            _ => StarLevel::parse(s),
        }
    }
}

impl Gender {
    /// Reads "男" / "女" / "male" / "female" / "M" / "F".
    pub fn parse_loose(raw: &str) -> Option<Gender> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "男" | "male" | "m" => Some(Gender::Male),
            "女" | "female" | "f" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// Words that make a "…区" a functional zone rather than a district.
const ZONE_WORDS: &[&str] =
    &["开发区", "示范区", "新区", "集聚区", "园区", "高新", "功能区", "实验区", "试验区", "保税区"];

impl RegionKind {
    /// Guesses a region's kind from its name's last characters ("湛河区" → district, "尧山镇" → town).
    pub fn from_name(name: &str, county_level: bool) -> RegionKind {
        let n = name.trim();
        if county_level {
            if n.ends_with('县') {
                RegionKind::County
            } else if n.ends_with('市') {
                RegionKind::CountyCity
            } else if n.ends_with('区') && !ZONE_WORDS.iter().any(|w| n.contains(w)) {
                RegionKind::District
            } else {
                RegionKind::Zone
            }
        } else if n.ends_with("街道") || n.ends_with("办事处") {
            RegionKind::Subdistrict
        } else if n.ends_with('镇') {
            RegionKind::Town
        } else {
            RegionKind::Township
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_levels() {
        let cases = [
            ("市", Some(Level::City)),
            ("市级", Some(Level::City)),
            ("市人大代表", Some(Level::City)),
            ("平顶山市人大代表", Some(Level::City)),
            ("省人大代表", Some(Level::Province)),
            ("全国人大代表", Some(Level::National)),
            ("全国", Some(Level::National)),
            ("县级", Some(Level::County)),
            ("县（区）级", Some(Level::County)),
            ("区人大代表", Some(Level::County)),
            ("鲁山县人大代表", Some(Level::County)),
            ("乡镇", Some(Level::Township)),
            ("镇人大代表", Some(Level::Township)),
            ("乡级", Some(Level::Township)),
            ("city", Some(Level::City)),
            ("村", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(Level::parse_loose(raw), want, "{raw}");
        }
    }

    #[test]
    fn loose_kinds() {
        assert_eq!(PlatformKind::parse_loose("代表联络点"), Some(PlatformKind::Point));
        assert_eq!(PlatformKind::parse_loose("立法联系点"), Some(PlatformKind::Legislative));
        assert_eq!(PlatformKind::parse_loose("联络站"), Some(PlatformKind::Station));
        assert_eq!(PlatformKind::parse_loose("实践基地"), Some(PlatformKind::Base));
        assert_eq!(PlatformKind::parse_loose("超市"), None);
        assert_eq!(StarLevel::parse_loose("省级星级联络站"), Some(StarLevel::Province));
        assert_eq!(StarLevel::parse_loose(""), Some(StarLevel::None));
        assert_eq!(RegionKind::from_name("湛河区", true), RegionKind::District);
        assert_eq!(RegionKind::from_name("舞钢市", true), RegionKind::CountyCity);
        assert_eq!(RegionKind::from_name("高新技术产业开发区", true), RegionKind::Zone);
        assert_eq!(RegionKind::from_name("河南平顶山尼龙新材料产业集聚区", true), RegionKind::Zone);
        assert_eq!(RegionKind::from_name("高新区", true), RegionKind::Zone);
        assert_eq!(RegionKind::from_name("曹镇乡", false), RegionKind::Township);
        assert_eq!(RegionKind::from_name("轻工路街道", false), RegionKind::Subdistrict);
    }
}
