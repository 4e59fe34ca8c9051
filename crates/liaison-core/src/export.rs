//! Exporting the roster as tables (written to XLSX by `liaison-sheets`). Personal data is masked unless the
//! caller passes revealed data, which only [`crate::roster::deputy::reveal_private`]-style audited paths produce.

use crate::error::Result;
use crate::roster::deputy::LevelTerm;
use crate::roster::query::{all_deputies, all_platforms};
use crate::tabular::TableOut;

/// The columns of the deputies' roster file, in order (the import reads them all back).
pub const DEPUTY_HEADERS: [&str; 19] = [
    "代表编号",
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "代表级别",
    "届次",
    "选区",
    "所属联络站",
    "联络站名称",
    "工作单位",
    "职务",
    "领导干部代表",
    "企业家代表",
    "公开联系电话",
    "手机号码",
    "身份证号码",
    "状态",
    "离任日期",
];

/// A deputy's levels as one cell: "市、县".
pub fn levels_cell(levels: &[LevelTerm]) -> String {
    levels.iter().map(|l| l.level.label()).collect::<Vec<_>>().join("、")
}

/// A deputy's terms as one cell in the order of [`levels_cell`]: "12、12" (empty when no term is known).
pub fn terms_cell(levels: &[LevelTerm]) -> String {
    let terms: Vec<String> = levels.iter().map(|l| l.term.map(|t| t.to_string()).unwrap_or_default()).collect();
    if terms.iter().all(String::is_empty) { String::new() } else { terms.join("、") }
}

/// A flag as the roster writes it.
pub fn yes_no(flag: bool) -> String {
    if flag { "是" } else { "否" }.to_owned()
}

/// The deputies' roster with private phone and ID number masked, in the import template's column order.
pub fn deputies_table(conn: &rusqlite::Connection) -> Result<TableOut> {
    let rows = all_deputies(conn)?
        .into_iter()
        .map(|d| {
            vec![
                d.code,
                d.name,
                match d.gender.as_str() {
                    "male" => "男".into(),
                    "female" => "女".into(),
                    _ => String::new(),
                },
                d.ethnicity,
                d.birth_month,
                levels_cell(&d.levels),
                terms_cell(&d.levels),
                d.electoral_district,
                d.station_code.unwrap_or_default(),
                d.station_name.unwrap_or_default(),
                d.work_unit,
                d.title,
                yes_no(d.leading_cadre),
                yes_no(d.entrepreneur),
                d.public_contact,
                d.private_phone_masked,
                d.id_number_masked,
                if d.status == "serving" { "在任".into() } else { "离任".into() },
                d.ended_on.unwrap_or_default(),
            ]
        })
        .collect();
    Ok(TableOut {
        sheet: "代表名册".into(),
        title: None,
        headers: DEPUTY_HEADERS.iter().map(|h| (*h).to_owned()).collect(),
        rows,
        text_columns: vec![0, 4, 6, 8, 14, 15, 16],
    })
}

/// The platforms' roster.
pub fn platforms_table(conn: &rusqlite::Connection) -> Result<TableOut> {
    let headers = [
        "平台编码",
        "平台名称",
        "平台类型",
        "县(市、区)",
        "乡镇(街道)",
        "地址",
        "联系电话",
        "开放时间",
        "接待日",
        "星级",
        "评定年度",
        "站长",
        "联络员",
        "编组代表数",
        "状态",
        "撤销日期",
    ];
    const DAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
    let rows = all_platforms(conn)?
        .into_iter()
        .map(|p| {
            let days: Vec<String> = p
                .reception_days
                .iter()
                .filter_map(|d| DAYS.get(usize::from(*d).wrapping_sub(1)))
                .map(|d| format!("周{d}"))
                .collect();
            let township = if p.county == p.region { String::new() } else { p.region.clone() };
            vec![
                p.code,
                p.name,
                p.kind.label().into(),
                p.county,
                township,
                p.address,
                p.phone,
                p.opening_hours,
                days.join("、"),
                p.star_level.label().into(),
                p.star_year.map(|y| y.to_string()).unwrap_or_default(),
                p.head_name,
                p.clerks.join("、"),
                p.deputy_count.to_string(),
                if p.status == "active" { "正常".into() } else { "已撤销".into() },
                p.closed_on.unwrap_or_default(),
            ]
        })
        .collect();
    Ok(TableOut {
        sheet: "联络站名册".into(),
        title: None,
        headers: headers.iter().map(|h| (*h).to_owned()).collect(),
        rows,
        text_columns: vec![0, 6],
    })
}
