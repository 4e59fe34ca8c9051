//! The province a roster lies in, from its regions' administrative division codes (GB/T 2260): the first two
//! digits of any code name the province-level division (41xxxx → 河南省). Printed cards need it for provincial
//! deputies' lines (河南省第十四届人民代表大会代表), and a city's roster holds only its own city and below, so the
//! province is read off the codes rather than asked for.

use rusqlite::OptionalExtension;

use crate::error::Result;

/// Province-level divisions by the first two digits of their codes.
const PROVINCES: &[(&str, &str)] = &[
    ("11", "北京市"),
    ("12", "天津市"),
    ("13", "河北省"),
    ("14", "山西省"),
    ("15", "内蒙古自治区"),
    ("21", "辽宁省"),
    ("22", "吉林省"),
    ("23", "黑龙江省"),
    ("31", "上海市"),
    ("32", "江苏省"),
    ("33", "浙江省"),
    ("34", "安徽省"),
    ("35", "福建省"),
    ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"),
    ("42", "湖北省"),
    ("43", "湖南省"),
    ("44", "广东省"),
    ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"),
    ("51", "四川省"),
    ("52", "贵州省"),
    ("53", "云南省"),
    ("54", "西藏自治区"),
    ("61", "陕西省"),
    ("62", "甘肃省"),
    ("63", "青海省"),
    ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
    ("71", "台湾省"),
    ("81", "香港特别行政区"),
    ("82", "澳门特别行政区"),
];

/// The province-level division of a six-digit division code, if the code names one.
pub fn province_of_code(code: &str) -> Option<&'static str> {
    let prefix = code.get(..2).filter(|_| code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()))?;
    PROVINCES.iter().find(|(p, _)| *p == prefix).map(|(_, name)| *name)
}

/// The province of this roster: that of its top region (the city), or `None` for a roster without regions or
/// with codes that are not GB/T 2260.
pub fn province(conn: &rusqlite::Connection) -> Result<Option<&'static str>> {
    let top: Option<String> = conn
        .query_row("SELECT code FROM regions WHERE parent_id IS NULL ORDER BY code LIMIT 1", [], |r| r.get(0))
        .optional()?;
    Ok(top.as_deref().and_then(province_of_code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_two_digits_name_the_province() {
        assert_eq!(province_of_code("410400"), Some("河南省"));
        assert_eq!(province_of_code("110000"), Some("北京市"));
        assert_eq!(province_of_code("650100"), Some("新疆维吾尔自治区"));
        assert_eq!(province_of_code("990000"), None, "no such province");
        assert_eq!(province_of_code("4104"), None, "not six digits");
        assert_eq!(province_of_code("41a400"), None);
    }

    #[test]
    fn a_rosters_province_is_its_top_regions() {
        let mut t = crate::testing::temp_store();
        assert_eq!(province(t.store.conn()).unwrap(), None, "no regions yet");
        crate::testing::small_roster(&mut t.store);
        assert_eq!(province(t.store.conn()).unwrap(), Some("河南省"));
    }
}
