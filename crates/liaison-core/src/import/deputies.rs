//! The deputies' roster sheet (代表名册): its columns and how a row becomes a [`DeputyInput`].

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use super::header::{Column, find_header};
use super::progress::Watch;
use super::{RosterKind, RowReader, SheetReport, cells, is_blank, save_error_to_row};
use crate::error::{Error, Result};
use crate::roster::deputy::{self, DeputyInput};
use crate::roster::kinds::Gender;
use crate::roster::validate;
use crate::store::Writer;
use crate::tabular::Grid;

/// The fields of a deputy row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Code,
    Name,
    Gender,
    Ethnicity,
    BirthMonth,
    Levels,
    Terms,
    District,
    Station,
    WorkUnit,
    Title,
    WorkUnitAndTitle,
    Category,
    LeadingCadre,
    Entrepreneur,
    PublicContact,
    PrivatePhone,
    IdNumber,
    EndedOn,
}

/// The columns of the deputies' sheet.
pub const COLUMNS: &[Column<Field>] = &[
    Column {
        field: Field::Code,
        header: "代表编号",
        synonyms: &["编号", "代表证号", "代表证编号"],
        example: "",
        required: false,
    },
    Column { field: Field::Name, header: "姓名", synonyms: &["代表姓名"], example: "张明新", required: true },
    Column { field: Field::Gender, header: "性别", synonyms: &[], example: "男", required: false },
    Column { field: Field::Ethnicity, header: "民族", synonyms: &[], example: "汉族", required: false },
    Column {
        field: Field::BirthMonth,
        header: "出生年月",
        synonyms: &["出生日期", "出生年月日", "出生时间"],
        example: "1970-05",
        required: false,
    },
    Column {
        field: Field::Levels,
        header: "代表级别",
        synonyms: &["级别", "代表层级", "层级", "代表类型"],
        example: "市、县",
        required: true,
    },
    Column {
        field: Field::Terms, header: "届次", synonyms: &["届别", "所属届次"], example: "12、11", required: false
    },
    Column {
        field: Field::District,
        header: "选区",
        synonyms: &["选举单位", "选区(选举单位)", "所在选区"],
        example: "新华区第三选区",
        required: false,
    },
    Column {
        field: Field::Station,
        header: "所属联络站",
        synonyms: &["联络站", "联络站编码", "编组联络站", "进站联络站", "编组进站", "所在联络站", "联络站名称"],
        example: "XH-01",
        required: true,
    },
    Column {
        field: Field::WorkUnit,
        header: "工作单位",
        synonyms: &["单位"],
        example: "平顶山市某某有限公司",
        required: false,
    },
    Column {
        field: Field::Title,
        header: "职务",
        synonyms: &["职务(职称)", "职称"],
        example: "总经理",
        required: false,
    },
    Column {
        field: Field::WorkUnitAndTitle,
        header: "工作单位及职务",
        synonyms: &["单位及职务", "工作单位和职务"],
        example: "",
        required: false,
    },
    Column {
        field: Field::Category,
        header: "代表类别",
        synonyms: &["类别", "身份类别", "代表身份"],
        example: "企业家代表",
        required: false,
    },
    Column {
        field: Field::LeadingCadre,
        header: "领导干部代表",
        synonyms: &["领导干部", "是否领导干部"],
        example: "否",
        required: false,
    },
    Column {
        field: Field::Entrepreneur,
        header: "企业家代表",
        synonyms: &["企业家", "是否企业家"],
        example: "是",
        required: false,
    },
    Column {
        field: Field::PublicContact,
        header: "公开联系电话",
        synonyms: &["公开电话", "联系电话", "办公电话", "公开联系方式"],
        example: "0375-2345678",
        required: false,
    },
    Column {
        field: Field::PrivatePhone,
        header: "手机号码",
        synonyms: &["手机", "私人电话", "本人手机", "手机号"],
        example: "13812345678",
        required: false,
    },
    Column {
        field: Field::IdNumber,
        header: "身份证号码",
        synonyms: &["身份证号", "公民身份号码"],
        example: "",
        required: false,
    },
    Column {
        field: Field::EndedOn,
        header: "离任日期",
        synonyms: &["终止日期", "代表资格终止日期"],
        example: "",
        required: false,
    },
];

/// Imports the deputies of one sheet.
pub fn import(w: &mut Writer<'_>, grid: &Grid, watch: &mut Watch<'_>) -> Result<SheetReport> {
    let header = find_header(&grid.rows, COLUMNS)
        .ok_or_else(|| Error::Invalid(format!("工作表“{}”中找不到代表名册表头", grid.name)))?;
    let mut report = SheetReport::new(&grid.name, RosterKind::Deputies, header.last_header_row + 1);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in header.last_header_row + 1..grid.rows.len() {
        watch.row_done()?;
        if is_blank(grid, row) {
            continue;
        }
        report.rows += 1;
        let mut r = RowReader::new(grid, &header, row);
        let mut input = read_row(&mut r, w)?;
        // The same person twice in one file: the key is the number, else name + birth month + levels.
        let key = if input.code.is_empty() {
            let levels: Vec<&str> = input.levels.iter().map(|l| l.level.as_str()).collect();
            format!("{}|{}|{}", input.name, input.birth_month, levels.join(","))
        } else {
            input.code.clone()
        };
        if !r.has_errors()
            && let Some(first) = seen.insert(key, row + 1)
        {
            r.fail_row(format!("与第{first}行重复"));
        }
        if !r.has_errors()
            && let Err(e) = deputy::check(&mut input)
        {
            r.fail_row(e.to_string());
        }
        let errors = r.into_errors();
        if !errors.is_empty() {
            report.rejected.extend(errors);
            continue;
        }
        match deputy::save(w, &input) {
            Ok(saved) => report.count(&saved),
            Err(e) => report.rejected.push(save_error_to_row(e, row)?),
        }
    }
    Ok(report)
}

fn read_row(r: &mut RowReader<'_, Field>, w: &Writer<'_>) -> Result<DeputyInput> {
    let name = cells::name(&r.text(Field::Name));
    if name.is_empty() {
        r.fail(Field::Name, "", "姓名为空".into());
    }
    let terms_text = r.text(Field::Terms);
    let levels = r.parse(Field::Levels, |l| cells::levels(l, &terms_text));
    let gender = r.parse(Field::Gender, |g| {
        if g.is_empty() {
            Ok(None)
        } else {
            Gender::parse_loose(g).map(Some).ok_or_else(|| format!("性别“{g}”应为男或女"))
        }
    });
    let birth_month =
        r.parse(Field::BirthMonth, |b| if b.is_empty() { Ok(String::new()) } else { validate::birth_month(b) });
    let phone = |p: &str| if p.is_empty() { Ok(String::new()) } else { validate::phone(p) };
    let public_contact = r.parse(Field::PublicContact, phone);
    // A masked value ("138****5678", from our own export) means "keep what is stored".
    let code = r.half_width(Field::Code);
    let stored = |column: &str| -> Result<Option<String>> {
        let sql = format!("SELECT {column} FROM deputies WHERE code = ?1");
        Ok(w.tx().prepare_cached(&sql)?.query_row([&code], |row| row.get(0)).optional()?)
    };
    let private_phone = match r.text(Field::PrivatePhone) {
        masked if masked.contains(['*', '＊']) => {
            keep_masked(r, Field::PrivatePhone, &masked, stored("private_phone")?)
        }
        _ => r.parse(Field::PrivatePhone, phone),
    };
    let id_number = match r.text(Field::IdNumber) {
        masked if masked.contains(['*', '＊']) => keep_masked(r, Field::IdNumber, &masked, stored("id_number")?),
        _ => r.parse(Field::IdNumber, |i| if i.is_empty() { Ok(String::new()) } else { validate::id_number(i) }),
    };
    let ended_on = r.parse(Field::EndedOn, |d| if d.is_empty() { Ok(None) } else { validate::date(d).map(Some) });
    let category = r.text(Field::Category);
    let leading_cadre = r.parse(Field::LeadingCadre, |v| cells::flag(v, "领导干部")) || category.contains("领导干部");
    let entrepreneur = r.parse(Field::Entrepreneur, |v| cells::flag(v, "企业家")) || category.contains("企业家");
    let station_text = r.text(Field::Station);
    let station_code = if station_text.is_empty() {
        None
    } else {
        match resolve_station(w, &station_text)? {
            Some(code) => Some(code),
            None => {
                r.fail(
                    Field::Station,
                    &station_text,
                    format!("联络站“{station_text}”不存在（请填写联络站编码或全称）"),
                );
                None
            }
        }
    };
    if station_text.is_empty() && ended_on.is_none() {
        r.fail(Field::Station, "", "在任代表必须填写所属联络站（编组进站）".into());
    }
    let (mut work_unit, title) = (r.text(Field::WorkUnit), r.text(Field::Title));
    if work_unit.is_empty() && title.is_empty() {
        work_unit = r.text(Field::WorkUnitAndTitle);
    }
    Ok(DeputyInput {
        code,
        name,
        gender,
        ethnicity: r.text(Field::Ethnicity),
        birth_month,
        levels,
        electoral_district: r.text(Field::District),
        station_code,
        work_unit,
        title,
        leading_cadre,
        entrepreneur,
        public_contact,
        private_phone,
        id_number,
        ended_on,
    })
}

/// The stored value behind a masked cell, or an error when there is none to keep.
fn keep_masked(r: &mut RowReader<'_, Field>, field: Field, masked: &str, stored: Option<String>) -> String {
    match stored {
        Some(value) if !value.is_empty() => value,
        _ => {
            r.fail(field, masked, "这是脱敏后的号码，只能用于已有代表（保留原值）；新代表请填写完整号码".into());
            String::new()
        }
    }
}

/// Resolves what people write in the station column: the code, or the platform's full name.
fn resolve_station(w: &Writer<'_>, text: &str) -> Result<Option<String>> {
    let found = resolve_station_exactly(w, text)?;
    if found.is_some() {
        return Ok(found);
    }
    resolve_station_exactly(w, &super::half_width(text))
}

fn resolve_station_exactly(w: &Writer<'_>, text: &str) -> Result<Option<String>> {
    let by_code: Option<String> = w
        .tx()
        .prepare_cached("SELECT code FROM platforms WHERE code = ?1")?
        .query_row([text], |r| r.get(0))
        .optional()?;
    if by_code.is_some() {
        return Ok(by_code);
    }
    Ok(w.tx()
        .prepare_cached("SELECT code FROM platforms WHERE name = ?1")?
        .query_row([text], |r| r.get(0))
        .optional()?)
}
