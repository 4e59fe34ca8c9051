//! The platforms' roster sheet (联络站名册): its columns, how a row becomes a [`PlatformInput`], and the regions
//! it names (created when a county or township is not on the roster yet, and counted in the report).

use rusqlite::OptionalExtension;

use super::header::{Column, find_header};
use super::progress::Watch;
use super::{RosterKind, RowReader, SheetReport, cells, is_blank, save_error_to_row};
use crate::error::{Error, Result};
use crate::roster::kinds::{PlatformKind, RegionKind, StarLevel};
use crate::roster::platform::{self, PlatformInput};
use crate::roster::region::{self, RegionInput};
use crate::roster::{SaveOutcome, validate};
use crate::store::Writer;
use crate::tabular::Grid;

/// The fields of a platform row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Code,
    Name,
    Kind,
    County,
    Township,
    Address,
    Phone,
    Hours,
    ReceptionDays,
    Star,
    StarYear,
    Head,
    Clerks,
    ClosedOn,
}

/// The columns of the platforms' sheet.
pub const COLUMNS: &[Column<Field>] = &[
    Column {
        field: Field::Code,
        header: "平台编码",
        synonyms: &["编码", "联络站编码", "站点编码", "编号"],
        example: "XH-01",
        required: false,
    },
    Column {
        field: Field::Name,
        header: "平台名称",
        synonyms: &["名称", "联络站名称", "站点名称", "联络站(点)名称"],
        example: "新华区光明路街道人大代表联络站",
        required: true,
    },
    Column {
        field: Field::Kind,
        header: "平台类型",
        synonyms: &["类型", "类别", "平台类别"],
        example: "代表联络站",
        required: true,
    },
    Column {
        field: Field::County,
        header: "县(市、区)",
        synonyms: &["县区", "县(市区)", "所属县区", "县市区", "所属县(市、区)"],
        example: "新华区",
        required: true,
    },
    Column {
        field: Field::Township,
        header: "乡镇(街道)",
        synonyms: &["乡镇", "街道", "所属乡镇", "乡镇街道", "所属乡镇(街道)"],
        example: "光明路街道",
        required: false,
    },
    Column {
        field: Field::Address,
        header: "地址",
        synonyms: &["详细地址", "站点地址"],
        example: "光明路88号",
        required: false,
    },
    Column {
        field: Field::Phone,
        header: "联系电话",
        synonyms: &["电话", "值班电话"],
        example: "0375-2345678",
        required: false,
    },
    Column {
        field: Field::Hours,
        header: "开放时间",
        synonyms: &["接待时间", "办公时间"],
        example: "9:00-12:00",
        required: false,
    },
    Column {
        field: Field::ReceptionDays,
        header: "接待日",
        synonyms: &["接待日期", "固定接待日"],
        example: "每周二、四",
        required: false,
    },
    Column {
        field: Field::Star,
        header: "星级",
        synonyms: &["星级评定", "星级等次"],
        example: "市级",
        required: false,
    },
    Column {
        field: Field::StarYear,
        header: "评定年度",
        synonyms: &["星级年度", "评定年份"],
        example: "2023",
        required: false,
    },
    Column { field: Field::Head, header: "站长", synonyms: &["负责人"], example: "李卫东", required: false },
    Column {
        field: Field::Clerks, header: "联络员", synonyms: &["工作人员"], example: "王芳、赵强", required: false
    },
    Column {
        field: Field::ClosedOn, header: "撤销日期", synonyms: &["关闭日期"], example: "", required: false
    },
];

/// Imports the platforms of one sheet.
pub fn import(w: &mut Writer<'_>, grid: &Grid, watch: &mut Watch<'_>) -> Result<SheetReport> {
    let header = find_header(&grid.rows, COLUMNS)
        .ok_or_else(|| Error::Invalid(format!("工作表“{}”中找不到联络站名册表头", grid.name)))?;
    let mut report = SheetReport::new(&grid.name, RosterKind::Platforms, header.last_header_row + 1);
    let mut seen = std::collections::HashMap::new();
    let today = w.deps().clock.now().date_naive();
    for row in header.last_header_row + 1..grid.rows.len() {
        watch.row_done()?;
        if is_blank(grid, row) {
            continue;
        }
        report.rows += 1;
        let mut r = RowReader::new(grid, &header, row);
        let name = cells::name(&r.text(Field::Name));
        if name.is_empty() {
            r.fail(Field::Name, "", "平台名称为空".into());
        }
        let kind = r.parse(Field::Kind, |k| {
            PlatformKind::parse_loose(k).map(Some).ok_or_else(|| {
                format!("无法识别的平台类型“{k}”（代表联络站、代表联络点、立法联系点、基层示范点、实践基地）")
            })
        });
        let phone = r.parse(Field::Phone, |p| if p.is_empty() { Ok(String::new()) } else { validate::phone(p) });
        let reception_days = r.parse(Field::ReceptionDays, cells::weekdays);
        let star = r.parse(Field::Star, |s| {
            StarLevel::parse_loose(s).map(Some).ok_or_else(|| format!("无法识别的星级“{s}”（无、市级、省级）"))
        });
        let star_year = r.parse(Field::StarYear, |y| {
            if y.is_empty() {
                Ok(None)
            } else {
                y.trim_end_matches('年')
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (2000..=2100).contains(y))
                    .map(Some)
                    .ok_or_else(|| format!("评定年度“{y}”应为四位年份"))
            }
        });
        let closed_on = r.parse(Field::ClosedOn, |d| if d.is_empty() { Ok(None) } else { validate::date(d).map(Some) });
        let county = cells::name(&r.text(Field::County));
        if county.is_empty() {
            r.fail(Field::County, "", "县（市、区）为空".into());
        }
        if !name.is_empty()
            && let Some(first) = seen.insert(name.clone(), row + 1)
        {
            r.fail_row(format!("与第{first}行重复"));
        }
        let errors = r.into_errors();
        if !errors.is_empty() {
            report.rejected.extend(errors);
            continue;
        }
        let r = RowReader::new(grid, &header, row);
        let township = cells::name(&r.text(Field::Township));
        let region_code = ensure_region(w, &county, &township, &mut report.regions_created)?;
        let mut code = r.half_width(Field::Code);
        if code.is_empty() {
            code = code_by_name(w, &name)?.map_or_else(|| next_code(w), Ok)?;
        }
        let mut star_ratings = platform::star_history(w.tx(), &code)?;
        platform::set_current_star(&mut star_ratings, star.unwrap_or(StarLevel::None), star_year, today, "名册导入");
        let input = PlatformInput {
            code,
            name,
            kind,
            region_code,
            address: r.text(Field::Address),
            phone,
            opening_hours: r.text(Field::Hours),
            reception_days,
            star_ratings,
            head_name: cells::name(&r.text(Field::Head)),
            clerks: cells::split_list(&r.text(Field::Clerks)),
            closed_on,
        };
        match platform::save(w, &input) {
            Ok(saved) => report.count(&saved),
            Err(e) => report.rejected.push(save_error_to_row(e, row)?),
        }
    }
    Ok(report)
}

/// The code of the region a platform sits in, creating the county and township when they are new.
fn ensure_region(w: &mut Writer<'_>, county: &str, township: &str, created: &mut usize) -> Result<String> {
    let city = root_region(w, created)?;
    let county_code = child_region(w, &city, county, RegionKind::from_name(county, true), created)?;
    if township.is_empty() {
        return Ok(county_code);
    }
    child_region(w, &county_code, township, RegionKind::from_name(township, false), created)
}

fn root_region(w: &mut Writer<'_>, created: &mut usize) -> Result<String> {
    let root: Option<String> = w
        .tx()
        .query_row("SELECT code FROM regions WHERE parent_id IS NULL ORDER BY code LIMIT 1", [], |r| r.get(0))
        .optional()?;
    match root {
        Some(code) => Ok(code),
        None => {
            let input =
                RegionInput { code: "CITY".into(), name: "本市".into(), kind: RegionKind::City, parent_code: None };
            region::save(w, &input)?;
            *created += 1;
            Ok(input.code)
        }
    }
}

/// The region `name` under `parent_code`, created when the roster has none. A created region's code is its
/// parent's code and its name (`410400-叶县`), not a running number: roster ids are derived from codes, so the
/// same county created from two nodes' imports is then one region, and two different ones never share a code.
fn child_region(
    w: &mut Writer<'_>,
    parent_code: &str,
    name: &str,
    kind: RegionKind,
    created: &mut usize,
) -> Result<String> {
    let found: Option<String> = w
        .tx()
        .prepare_cached(
            "SELECT r.code FROM regions r JOIN regions p ON p.id = r.parent_id WHERE p.code = ?1 AND r.name = ?2",
        )?
        .query_row([parent_code, name], |r| r.get(0))
        .optional()?;
    if let Some(code) = found {
        return Ok(code);
    }
    let code = format!("{parent_code}-{name}");
    let saved = region::save(
        w,
        &RegionInput { code: code.clone(), name: name.to_owned(), kind, parent_code: Some(parent_code.to_owned()) },
    )?;
    if saved.outcome == SaveOutcome::Created {
        *created += 1;
    }
    Ok(code)
}

fn code_by_name(w: &Writer<'_>, name: &str) -> Result<Option<String>> {
    Ok(w.tx()
        .prepare_cached("SELECT code FROM platforms WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

fn next_code(w: &Writer<'_>) -> Result<String> {
    crate::roster::numbering::next(w.tx(), "platforms", 'P', 5)
}
